package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A freshly generated key pair: the private key as PKCS#8 DER in a {@link Secret} (to be sealed and stored, or
 * for GenerateDataKeyPair returned to the caller), the public key as DER SubjectPublicKeyInfo (what GetPublicKey
 * returns), and both already parsed for immediate use.
 *
 * <p>Not a record: it holds a secret. {@link #close()} zeroes the PKCS#8 bytes; {@link #toString()} prints only
 * the spec and sizes.
 *
 * <p>RSA keys use the public exponent 65537. ML-DSA and ML-KEM private keys are encoded as the JDK encodes them
 * (the expanded key inside the PKCS#8 {@code privateKey} octet string); {@link AsymmetricPrivateKey#parse} reads
 * them back.
 */
public final class AsymmetricKeyPair implements AutoCloseable {
    private final AsymmetricKeySpec spec;
    private final Secret privateKeyPkcs8;
    private final AsymmetricPrivateKey privateKey;
    private final AsymmetricPublicKey publicKey;

    private AsymmetricKeyPair(AsymmetricKeySpec spec, KeyPair pair) {
        this.spec = spec;
        // getEncoded returns a fresh array each call, so the Secret may own it.
        this.privateKeyPkcs8 = Secret.wrap(pair.getPrivate().getEncoded());
        this.privateKey = AsymmetricPrivateKey.of(spec, pair.getPrivate());
        this.publicKey = AsymmetricPublicKey.of(spec, pair.getPublic());
    }

    private AsymmetricKeyPair(AsymmetricKeySpec spec, Secret privateKeyPkcs8, AsymmetricPrivateKey privateKey,
            AsymmetricPublicKey publicKey) {
        this.spec = spec;
        this.privateKeyPkcs8 = privateKeyPkcs8;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Generates a key pair of {@code spec} for a KMS key (CreateKey). */
    public static AsymmetricKeyPair generate(AsymmetricKeySpec spec, SecureRandom random) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(random, "random");
        try {
            return new AsymmetricKeyPair(spec, Jca.keyPairGenerator(spec, random).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(spec + " key generation is unavailable", e);
        }
    }

    /**
     * Generates a data key pair (GenerateDataKeyPair): as {@link #generate}, but refuses the specs the service
     * model's {@code DataKeyPairSpec} leaves out (ML-DSA) with {@link Reason#INVALID_INPUT}.
     */
    public static AsymmetricKeyPair generateDataKeyPair(AsymmetricKeySpec spec, SecureRandom random)
            throws KeyOperationException {
        if (!spec.allowsDataKeyPair()) {
            throw new KeyOperationException(Reason.INVALID_INPUT, spec + " is not a valid data key pair spec");
        }
        return generate(spec, random);
    }

    /**
     * The pair of an imported private key (ImportKeyMaterial): parses {@code pkcs8} as a key of {@code spec}, checks
     * it, derives its public key and tests the two together. Only the specs KMS can import are accepted: RSA_2048,
     * RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 and ECC_SECG_P256K1.
     *
     * <p>The pair's {@link #privateKeyPkcs8()} is the key re-encoded canonically (DER, no attributes, an EC key
     * without its public key inside, as the JDK encodes generated keys), so a key sent in two encodings is stored
     * the same way; {@code pkcs8} itself is not kept, and the caller closes it. Two imports of the same key give
     * equal {@link #publicKeyDer()}s.
     *
     * @throws KeyOperationException with {@link Reason#INVALID_KEY_MATERIAL} if the bytes are not a PKCS#8 key of
     *     {@code spec}, its parameters are inconsistent (an RSA CRT value, an EC public key that is not the private
     *     key's), it is a multi-prime RSA key, or the spec cannot be imported
     */
    public static AsymmetricKeyPair fromPrivateKey(AsymmetricKeySpec spec, Secret pkcs8, SecureRandom random)
            throws KeyOperationException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(pkcs8, "pkcs8");
        Objects.requireNonNull(random, "random");
        PrivateKeyImport.Checked checked = PrivateKeyImport.check(spec, pkcs8);
        try {
            AsymmetricPrivateKey privateKey = AsymmetricPrivateKey.parse(spec, checked.canonicalPkcs8());
            AsymmetricPublicKey publicKey;
            try {
                publicKey = AsymmetricPublicKey.parse(spec, checked.publicKeyDer());
            } catch (KeyOperationException e) {
                throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL, "The " + spec + " private key gives no"
                        + " usable public key", e);
            }
            PrivateKeyImport.pairwiseTest(privateKey, publicKey, random);
            return new AsymmetricKeyPair(spec, checked.canonicalPkcs8(), privateKey, publicKey);
        } catch (KeyOperationException | RuntimeException e) {
            checked.canonicalPkcs8().close();
            throw e;
        }
    }

    public AsymmetricKeySpec spec() {
        return spec;
    }

    /** The private key as PKCS#8 DER. Owned by this pair: do not close it, close the pair. */
    public Secret privateKeyPkcs8() {
        return privateKeyPkcs8;
    }

    /** The public key as DER SubjectPublicKeyInfo, a fresh copy. */
    public byte[] publicKeyDer() {
        return publicKey.encoded();
    }

    public AsymmetricPrivateKey privateKey() {
        return privateKey;
    }

    public AsymmetricPublicKey publicKey() {
        return publicKey;
    }

    /** Zeroes the PKCS#8 bytes. The parsed {@link #privateKey()} stays usable (the JDK cannot zero it). */
    @Override
    public void close() {
        privateKeyPkcs8.close();
    }

    @Override
    public String toString() {
        return "AsymmetricKeyPair[" + spec + ", private key " + privateKeyPkcs8.length() + " bytes, public key "
                + publicKey.encoded().length + " bytes]";
    }
}
