package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unwraps key material wrapped for ImportKeyMaterial with the RSA public key of GetParametersForImport, by
 * KMS's wrapping algorithms:
 * <ul>
 *   <li>RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256: the material is one RSA-OAEP ciphertext ({@link RsaOaep}).
 *   <li>RSA_AES_KEY_WRAP_SHA_1 / RSA_AES_KEY_WRAP_SHA_256 (as {@code CKM_RSA_AES_KEY_WRAP}): an RSA-OAEP
 *       ciphertext of a fresh 256-bit AES key (modulus length), followed by the material wrapped with that key by
 *       AES Key Wrap with Padding (RFC 5649).
 * </ul>
 * Every failure is {@link Reason#INVALID_CIPHERTEXT} with one message, whatever check failed.
 */
public final class ImportUnwrap {
    /** The wrapping algorithms this class knows. */
    public enum Algorithm {
        RSAES_OAEP_SHA_1(AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1, false),
        RSAES_OAEP_SHA_256(AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256, false),
        RSA_AES_KEY_WRAP_SHA_1(AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1, true),
        RSA_AES_KEY_WRAP_SHA_256(AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256, true);

        private final AsymmetricEncryptionAlgorithm oaep;
        private final boolean aesKeyWrap;

        Algorithm(AsymmetricEncryptionAlgorithm oaep, boolean aesKeyWrap) {
            this.oaep = oaep;
            this.aesKeyWrap = aesKeyWrap;
        }
    }

    private ImportUnwrap() {}

    /** The key material inside {@code wrapped}; the caller owns (and closes) the result. */
    public static Secret unwrap(AsymmetricPrivateKey wrappingKey, Algorithm algorithm, byte[] wrapped)
            throws KeyOperationException {
        Objects.requireNonNull(wrappingKey, "wrappingKey");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(wrapped, "wrapped");
        int k = wrappingKey.spec().rsaModulusBits() / 8;
        if (!algorithm.aesKeyWrap) {
            return Secret.wrap(RsaOaep.decrypt(wrappingKey, algorithm.oaep, wrapped));
        }
        if (wrapped.length <= k) {
            throw invalid(null);
        }
        byte[] aesKey = RsaOaep.decrypt(wrappingKey, algorithm.oaep, Arrays.copyOf(wrapped, k));
        try {
            if (aesKey.length != 32) {
                throw invalid(null);
            }
            Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
            kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
            return Secret.wrap(kwp.doFinal(wrapped, k, wrapped.length - k));
        } catch (GeneralSecurityException e) {
            throw invalid(e);
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    private static KeyOperationException invalid(Exception cause) {
        return new KeyOperationException(Reason.INVALID_CIPHERTEXT, "The wrapped key material does not unwrap", cause);
    }
}
