package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * A parsed public key of one of KMS's asymmetric specs, from its DER SubjectPublicKeyInfo (RFC 5280) — the form
 * GetPublicKey returns and DeriveSharedSecret accepts. Immutable and safe to cache and share between threads.
 *
 * <p>Parsing checks that the encoding names a spec KMS supports (an RSA modulus of 2048, 3072 or 4096 bits, a
 * named curve P-256/P-384/P-521/secp256k1, Ed25519, an ML-DSA or ML-KEM parameter set); anything else is refused
 * with {@link Reason#INVALID_PUBLIC_KEY}.
 */
public final class AsymmetricPublicKey {
    private final AsymmetricKeySpec spec;
    private final PublicKey key;
    private final byte[] encoded;
    /** BouncyCastle's form of an ML-DSA key, to verify signatures over an external μ (the JDK cannot); else null. */
    private final AsymmetricKeyParameter mlDsaKey;

    private AsymmetricPublicKey(AsymmetricKeySpec spec, PublicKey key, AsymmetricKeyParameter mlDsaKey) {
        this.spec = spec;
        this.key = key;
        this.encoded = key.getEncoded();
        this.mlDsaKey = mlDsaKey;
    }

    /** From a key the generator just made. */
    static AsymmetricPublicKey of(AsymmetricKeySpec spec, PublicKey key) {
        try {
            return new AsymmetricPublicKey(spec, key, mlDsaKey(spec, key.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-read a freshly generated " + spec + " public key", e);
        }
    }

    /** Parses {@code der} and checks that it is a key of {@code spec}. */
    public static AsymmetricPublicKey parse(AsymmetricKeySpec spec, byte[] der) throws KeyOperationException {
        Objects.requireNonNull(spec, "spec");
        AsymmetricPublicKey key = parse(der);
        if (key.spec != spec) {
            throw new KeyOperationException(Reason.INVALID_PUBLIC_KEY,
                    "The public key is a " + key.spec + " key, not a " + spec + " key");
        }
        return key;
    }

    /** Parses {@code der} and finds its spec from the encoding itself. */
    public static AsymmetricPublicKey parse(byte[] der) throws KeyOperationException {
        Objects.requireNonNull(der, "der");
        SubjectPublicKeyInfo info;
        int rsaBits = 0;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
            if (Jca.isRsa(info.getAlgorithm())) {
                rsaBits = RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength();
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's ASN.1 parser reports malformed input with assorted runtime exceptions.
            throw new KeyOperationException(Reason.INVALID_PUBLIC_KEY,
                    "The public key is not a DER-encoded SubjectPublicKeyInfo", e);
        }
        AsymmetricKeySpec spec = Jca.specOf(info.getAlgorithm(), rsaBits).orElseThrow(() ->
                new KeyOperationException(Reason.INVALID_PUBLIC_KEY,
                        "The public key is not of a key spec that KMS supports"));
        try {
            PublicKey key = Jca.keyFactory(spec).generatePublic(new X509EncodedKeySpec(der));
            return new AsymmetricPublicKey(spec, key, mlDsaKey(spec, der));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new KeyOperationException(Reason.INVALID_PUBLIC_KEY, "The " + spec + " public key is malformed", e);
        }
    }

    private static AsymmetricKeyParameter mlDsaKey(AsymmetricKeySpec spec, byte[] der) throws IOException {
        return switch (spec) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> PublicKeyFactory.createKey(der);
            default -> null;
        };
    }

    public AsymmetricKeySpec spec() {
        return spec;
    }

    /** The DER SubjectPublicKeyInfo, a fresh copy: what GetPublicKey returns. */
    public byte[] encoded() {
        return encoded.clone();
    }

    PublicKey jcaKey() {
        return key;
    }

    AsymmetricKeyParameter mlDsaKey() {
        if (mlDsaKey == null) {
            throw new IllegalStateException(spec + " is not an ML-DSA spec");
        }
        return mlDsaKey;
    }

    @Override
    public String toString() {
        return "AsymmetricPublicKey[" + spec + "]";
    }
}
