package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Encrypt and Decrypt under RSA keys: RSAES-OAEP (RFC 8017 §7.1) with one hash for OAEP and MGF1 and an empty
 * label, which is what KMS's RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256 mean. The JDK does all of it.
 *
 * <p>Whether the KMS key's usage is ENCRYPT_DECRYPT is the caller's to check. {@link #encrypt} also serves a public
 * key from outside KMS (the RSA key of a Recipient attestation), parsed with {@link AsymmetricPublicKey#parse}.
 */
public final class RsaOaep {
    private RsaOaep() {}

    /**
     * Encrypts 1 to {@link AsymmetricEncryptionAlgorithm#maxPlaintextBytes} bytes; more is refused with
     * {@link Reason#INVALID_INPUT}, as KMS refuses it.
     */
    public static byte[] encrypt(AsymmetricPublicKey key, AsymmetricEncryptionAlgorithm algorithm, byte[] plaintext,
            SecureRandom random) throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(random, "random");
        check(key.spec(), algorithm);
        int max = algorithm.maxPlaintextBytes(key.spec());
        if (plaintext.length < 1 || plaintext.length > max) {
            throw new KeyOperationException(Reason.INVALID_INPUT, "Plaintext for " + algorithm + " with a "
                    + key.spec() + " key must be 1 to " + max + " bytes, got " + plaintext.length);
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), oaep(algorithm), random);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    /**
     * Decrypts a ciphertext made with the same algorithm. A ciphertext that is not exactly the modulus length, or
     * whose padding does not check out (another key, another algorithm, tampering), is refused with
     * {@link Reason#INVALID_CIPHERTEXT} and one message for every cause, so the error says nothing about which
     * check failed.
     */
    public static byte[] decrypt(AsymmetricPrivateKey key, AsymmetricEncryptionAlgorithm algorithm,
            byte[] ciphertext) throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ciphertext, "ciphertext");
        check(key.spec(), algorithm);
        if (ciphertext.length != key.spec().rsaModulusBits() / 8) {
            throw invalidCiphertext(null);
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.jcaKey(), oaep(algorithm));
            return cipher.doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw invalidCiphertext(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    private static KeyOperationException invalidCiphertext(Exception cause) {
        return new KeyOperationException(Reason.INVALID_CIPHERTEXT,
                "The ciphertext is invalid for this key and encryption algorithm", cause);
    }

    private static void check(AsymmetricKeySpec spec, AsymmetricEncryptionAlgorithm algorithm)
            throws KeyOperationException {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!spec.encryptionAlgorithms().contains(algorithm)) {
            throw new KeyOperationException(Reason.INCOMPATIBLE_ALGORITHM,
                    "Encryption algorithm " + algorithm + " is not supported by a " + spec + " key");
        }
    }

    private static OAEPParameterSpec oaep(AsymmetricEncryptionAlgorithm algorithm) {
        String hash = algorithm.hash().jcaName();
        return new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT);
    }
}
