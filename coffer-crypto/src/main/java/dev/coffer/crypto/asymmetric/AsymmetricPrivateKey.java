package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * A private key of one of KMS's asymmetric specs, parsed once from its PKCS#8 encoding so that every later
 * operation skips the parse. Immutable and safe to share between threads.
 *
 * <p>Holds key material: cache it no longer than the unsealed material it came from. The JDK's key objects cannot
 * be zeroed, so dropping the reference is the only way to let go of it. {@link #toString()} names only the spec.
 */
public final class AsymmetricPrivateKey {
    private final AsymmetricKeySpec spec;
    private final PrivateKey key;
    /** BouncyCastle's form of an ML-DSA key, to sign an external μ (the JDK cannot); else null. */
    private final AsymmetricKeyParameter mlDsaKey;

    private AsymmetricPrivateKey(AsymmetricKeySpec spec, PrivateKey key, AsymmetricKeyParameter mlDsaKey) {
        this.spec = spec;
        this.key = key;
        this.mlDsaKey = mlDsaKey;
    }

    /** From a key the generator just made. */
    static AsymmetricPrivateKey of(AsymmetricKeySpec spec, PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        try {
            return new AsymmetricPrivateKey(spec, key, mlDsaKey(spec, pkcs8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-read a freshly generated " + spec + " private key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Parses a PKCS#8 {@code PrivateKeyInfo} (RFC 5208) and checks that it is a key of {@code spec}. Does not keep
     * {@code pkcs8}: the caller may close it afterwards.
     *
     * @throws KeyOperationException with {@link Reason#INVALID_KEY_MATERIAL} if the bytes do not parse or hold a
     *     key of another spec
     */
    public static AsymmetricPrivateKey parse(AsymmetricKeySpec spec, Secret pkcs8) throws KeyOperationException {
        Objects.requireNonNull(spec, "spec");
        byte[] der = pkcs8.revealBytes();
        PrivateKeyInfo info;
        int rsaBits = 0;
        try {
            info = PrivateKeyInfo.getInstance(der);
            if (Jca.isRsa(info.getPrivateKeyAlgorithm())) {
                rsaBits = RSAPrivateKey.getInstance(info.parsePrivateKey()).getModulus().bitLength();
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's ASN.1 parser reports malformed input with assorted runtime exceptions.
            throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL,
                    "The private key is not a DER-encoded PKCS#8 PrivateKeyInfo", e);
        }
        AsymmetricKeySpec found = Jca.specOf(info.getPrivateKeyAlgorithm(), rsaBits).orElse(null);
        if (found != spec) {
            throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL,
                    "The private key is not a " + spec + " key");
        }
        try {
            PrivateKey key = Jca.keyFactory(spec).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new AsymmetricPrivateKey(spec, key, mlDsaKey(spec, der));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL,
                    "The " + spec + " private key is malformed", e);
        }
    }

    private static AsymmetricKeyParameter mlDsaKey(AsymmetricKeySpec spec, byte[] pkcs8) throws IOException {
        return switch (spec) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> PrivateKeyFactory.createKey(pkcs8);
            default -> null;
        };
    }

    public AsymmetricKeySpec spec() {
        return spec;
    }

    PrivateKey jcaKey() {
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
        return "AsymmetricPrivateKey[" + spec + "]";
    }
}
