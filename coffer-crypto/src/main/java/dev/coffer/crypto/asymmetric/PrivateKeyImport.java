package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Checks an imported PKCS#8 private key, re-encodes it canonically and derives its public key, as ImportKeyMaterial
 * needs: KMS is given only the private key of a pair and must work out the public key itself.
 *
 * <p>The canonical encoding is DER without attributes: for RSA the {@code RSAPrivateKey} as given, for EC an
 * {@code ECPrivateKey} holding only the private scalar (the curve is in the algorithm identifier), as the JDK
 * encodes the keys it generates. So one key sent BER- or DER-encoded, with or without its public key inside, is
 * stored the same way.
 *
 * <p>Accepted: RSA keys of two primes (RFC 8017 {@code RSAPrivateKey} version 0, every CRT parameter present and
 * consistent with the modulus and exponents) and EC keys on a named curve of an ECC spec (RFC 5915; an embedded
 * public key, compressed or not, must be the one the private scalar makes). Every accepted key then passes a
 * pairwise test: a signature made with the private key verifies with the derived public key. Other specs (Ed25519,
 * ML-DSA, ML-KEM) cannot be imported into KMS and are refused.
 */
final class PrivateKeyImport {
    private static final byte[] PAIRWISE_MESSAGE =
            "coffer pairwise consistency test".getBytes(StandardCharsets.US_ASCII);

    private PrivateKeyImport() {}

    /**
     * A checked private key: its canonical PKCS#8 (owned by the caller, who closes it) and its DER
     * SubjectPublicKeyInfo. Whether the key is of the expected spec is for {@link AsymmetricPrivateKey#parse} to
     * say, on the canonical bytes.
     */
    record Checked(Secret canonicalPkcs8, byte[] publicKeyDer) {}

    /** Checks the private key in {@code pkcs8} as above; does not keep {@code pkcs8}. */
    static Checked check(AsymmetricKeySpec spec, Secret pkcs8) throws KeyOperationException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8.revealBytes());
        } catch (RuntimeException e) {
            // BouncyCastle's ASN.1 parser reports malformed input with assorted runtime exceptions.
            throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL,
                    "The private key is not a DER-encoded PKCS#8 PrivateKeyInfo", e);
        }
        try {
            return switch (spec) {
                case RSA_2048, RSA_3072, RSA_4096 -> rsa(info);
                case ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1 -> ec(info);
                default -> throw invalid(spec + " key material cannot be imported");
            };
        } catch (IOException | RuntimeException e) {
            throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL, "The private key is not a " + spec + " key",
                    e);
        }
    }

    private static Checked rsa(PrivateKeyInfo info) throws KeyOperationException, IOException {
        if (!Jca.isRsa(info.getPrivateKeyAlgorithm())) {
            throw invalid("The private key is not an RSA key");
        }
        RSAPrivateKey k = RSAPrivateKey.getInstance(info.parsePrivateKey());
        if (k.getVersion().signum() != 0) {
            throw invalid("Multi-prime RSA keys cannot be imported");
        }
        BigInteger n = k.getModulus();
        BigInteger e = k.getPublicExponent();
        BigInteger d = k.getPrivateExponent();
        BigInteger p = k.getPrime1();
        BigInteger q = k.getPrime2();
        BigInteger one = BigInteger.ONE;
        // The JDK signs and decrypts with the CRT values, so each must agree with n, e and d, not just be present.
        boolean consistent = e.compareTo(BigInteger.TWO) > 0 && e.testBit(0) && p.compareTo(one) > 0
                && q.compareTo(one) > 0 && p.multiply(q).equals(n)
                && e.multiply(d).mod(p.subtract(one)).equals(one) && e.multiply(d).mod(q.subtract(one)).equals(one)
                && d.mod(p.subtract(one)).equals(k.getExponent1()) && d.mod(q.subtract(one)).equals(k.getExponent2())
                && q.multiply(k.getCoefficient()).mod(p).equals(one);
        if (!consistent) {
            throw invalid("The RSA private key's parameters are not consistent");
        }
        AlgorithmIdentifier rsaEncryption = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                DERNull.INSTANCE);
        return new Checked(Secret.wrap(new PrivateKeyInfo(rsaEncryption, k).getEncoded(ASN1Encoding.DER)),
                new SubjectPublicKeyInfo(rsaEncryption, new RSAPublicKey(n, e)).getEncoded(ASN1Encoding.DER));
    }

    private static Checked ec(PrivateKeyInfo info) throws KeyOperationException, IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            throw invalid("The private key is not an EC key");
        }
        if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
            throw invalid("EC keys with explicit curve parameters cannot be imported; name the curve");
        }
        X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
        if (x9 == null) {
            throw invalid("The private key is on an unknown curve");
        }
        org.bouncycastle.asn1.sec.ECPrivateKey k = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                info.parsePrivateKey());
        BigInteger d = k.getKey();
        if (d.signum() <= 0 || d.compareTo(x9.getN()) >= 0) {
            throw invalid("The EC private key is out of range for its curve");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(x9.getG(), d).normalize();
        ASN1BitString embedded = k.getPublicKey();
        if (embedded != null) {
            ECPoint claimed;
            try {
                claimed = x9.getCurve().decodePoint(embedded.getOctets());
            } catch (IllegalArgumentException e) {
                throw invalid("The public key inside the EC private key is not a point on its curve");
            }
            if (!claimed.equals(q)) {
                throw invalid("The public key inside the EC private key does not belong to it");
            }
        }
        AlgorithmIdentifier namedCurve = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve);
        org.bouncycastle.asn1.sec.ECPrivateKey bare = new org.bouncycastle.asn1.sec.ECPrivateKey(
                x9.getN().bitLength(), d);
        return new Checked(Secret.wrap(new PrivateKeyInfo(namedCurve, bare).getEncoded(ASN1Encoding.DER)),
                new SubjectPublicKeyInfo(namedCurve, q.getEncoded(false)).getEncoded(ASN1Encoding.DER));
    }

    /** Signs with the private key and verifies with the public one, with the spec's first signing algorithm. */
    static void pairwiseTest(AsymmetricPrivateKey privateKey, AsymmetricPublicKey publicKey, SecureRandom random)
            throws KeyOperationException {
        SigningAlgorithm algorithm = privateKey.spec().signingAlgorithms().getFirst();
        byte[] signature = Signatures.sign(privateKey, algorithm, MessageType.RAW, PAIRWISE_MESSAGE, random);
        if (!Signatures.verify(publicKey, algorithm, MessageType.RAW, PAIRWISE_MESSAGE, signature)) {
            throw invalid("The " + privateKey.spec() + " private key fails its pairwise consistency test");
        }
    }

    private static KeyOperationException invalid(String message) {
        return new KeyOperationException(Reason.INVALID_KEY_MATERIAL, message);
    }
}
