package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signs and verifies the way a KMS client would outside KMS, written without the code under test: from the DER
 * encodings, with the JDK's own algorithms over the whole message, and BouncyCastle only where the JDK cannot
 * (secp256k1) or where an independent implementation is worth having (Ed25519ph).
 */
final class Reference {
    static final Provider BC = new BouncyCastleProvider();

    private Reference() {}

    static PublicKey publicKey(AsymmetricKeySpec spec, byte[] der) throws GeneralSecurityException {
        return keyFactory(spec).generatePublic(new X509EncodedKeySpec(der));
    }

    static PrivateKey privateKey(AsymmetricKeySpec spec, Secret pkcs8) throws GeneralSecurityException {
        return keyFactory(spec).generatePrivate(new PKCS8EncodedKeySpec(pkcs8.revealBytes()));
    }

    private static KeyFactory keyFactory(AsymmetricKeySpec spec) throws GeneralSecurityException {
        return switch (spec) {
            case RSA_2048, RSA_3072, RSA_4096 -> KeyFactory.getInstance("RSA");
            case ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 -> KeyFactory.getInstance("EC");
            case ECC_SECG_P256K1 -> KeyFactory.getInstance("EC", BC);
            case ECC_NIST_EDWARDS25519 -> KeyFactory.getInstance("Ed25519");
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> KeyFactory.getInstance("ML-DSA");
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> KeyFactory.getInstance("ML-KEM");
        };
    }

    /** Verifies a signature over {@code message} — the message itself, never a digest, except for Ed25519ph. */
    static boolean verify(AsymmetricKeyPair pair, SigningAlgorithm algorithm, byte[] message, byte[] signature)
            throws Exception {
        if (algorithm == SigningAlgorithm.ED25519_PH_SHA_512) {
            Ed25519phSigner verifier = new Ed25519phSigner(new byte[0]);
            verifier.init(false, PublicKeyFactory.createKey(pair.publicKeyDer()));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        }
        Signature verifier = jcaSignature(pair.spec(), algorithm);
        verifier.initVerify(publicKey(pair.spec(), pair.publicKeyDer()));
        verifier.update(message);
        return verifier.verify(signature);
    }

    static byte[] sign(AsymmetricKeyPair pair, SigningAlgorithm algorithm, byte[] message) throws Exception {
        if (algorithm == SigningAlgorithm.ED25519_PH_SHA_512) {
            Ed25519phSigner signer = new Ed25519phSigner(new byte[0]);
            signer.init(true, PrivateKeyFactory.createKey(pair.privateKeyPkcs8().revealBytes()));
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        }
        Signature signer = jcaSignature(pair.spec(), algorithm);
        signer.initSign(privateKey(pair.spec(), pair.privateKeyPkcs8()));
        signer.update(message);
        return signer.sign();
    }

    private static Signature jcaSignature(AsymmetricKeySpec spec, SigningAlgorithm algorithm) throws Exception {
        String hash = hashName(algorithm);
        return switch (algorithm) {
            case RSASSA_PKCS1_V1_5_SHA_256, RSASSA_PKCS1_V1_5_SHA_384, RSASSA_PKCS1_V1_5_SHA_512 ->
                    Signature.getInstance(hash.replace("-", "") + "withRSA");
            case RSASSA_PSS_SHA_256, RSASSA_PSS_SHA_384, RSASSA_PSS_SHA_512 -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        MessageDigest.getInstance(hash).getDigestLength(), 1));
                yield s;
            }
            case ECDSA_SHA_256, ECDSA_SHA_384, ECDSA_SHA_512 -> spec == AsymmetricKeySpec.ECC_SECG_P256K1
                    ? Signature.getInstance(hash.replace("-", "") + "withECDSA", BC)
                    : Signature.getInstance(hash.replace("-", "") + "withECDSA");
            case ED25519_SHA_512 -> Signature.getInstance("Ed25519");
            case ML_DSA_SHAKE_256 -> Signature.getInstance("ML-DSA");
            case ED25519_PH_SHA_512 -> throw new IllegalArgumentException("handled above");
        };
    }

    /** The hash the algorithm's name ends with; ML-DSA's is internal (null). */
    static String hashName(SigningAlgorithm algorithm) {
        String name = algorithm.name();
        if (name.endsWith("SHAKE_256")) {
            return null;
        }
        return name.endsWith("_256") ? "SHA-256" : name.endsWith("_384") ? "SHA-384" : "SHA-512";
    }

    static byte[] digest(String hash, byte[] message) throws Exception {
        return MessageDigest.getInstance(hash).digest(message);
    }

    /**
     * ML-DSA's message representative for pure signing with an empty context (FIPS 204 Algorithm 7 step 6 and
     * Algorithm 2 step 10): μ = SHAKE256(SHAKE256(pk, 64) ‖ 0x00 ‖ 0x00 ‖ M, 64).
     */
    static byte[] externalMu(byte[] publicKeyDer, byte[] message) {
        byte[] pk = SubjectPublicKeyInfo.getInstance(publicKeyDer).getPublicKeyData().getBytes();
        byte[] tr = new byte[64];
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(pk, 0, pk.length);
        shake.doFinal(tr, 0, 64);
        byte[] mu = new byte[64];
        shake = new SHAKEDigest(256);
        shake.update(tr, 0, tr.length);
        shake.update((byte) 0);
        shake.update((byte) 0);
        shake.update(message, 0, message.length);
        shake.doFinal(mu, 0, 64);
        return mu;
    }
}
