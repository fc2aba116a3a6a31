package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;
import javax.crypto.SecretKey;

/**
 * Encapsulate and Decapsulate under ML-KEM keys (FIPS 203), through the JDK's KEM API (JEP 452, 496).
 *
 * <p>ML-KEM rejects implicitly: a ciphertext of the right length that was tampered with, or made for another key,
 * decapsulates without error to an unrelated secret. Only a ciphertext of the wrong length is refused outright.
 */
public final class MlKem {
    private MlKem() {}

    /** Makes a fresh 32-byte shared secret and the ciphertext that carries it to {@code key}'s owner. */
    public static MlKemEncapsulation encapsulate(AsymmetricPublicKey key, SecureRandom random)
            throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(random, "random");
        check(key.spec());
        try {
            KEM.Encapsulated encapsulated = KEM.getInstance("ML-KEM").newEncapsulator(key.jcaKey(), random)
                    .encapsulate();
            return new MlKemEncapsulation(secretOf(encapsulated.key()), encapsulated.encapsulation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ML-KEM is unavailable", e);
        }
    }

    /**
     * Recovers the shared secret from {@code ciphertext}. A ciphertext of the wrong length for the key's parameter
     * set (768, 1,088 or 1,568 bytes) is refused with {@link Reason#INVALID_CIPHERTEXT}.
     */
    public static Secret decapsulate(AsymmetricPrivateKey key, byte[] ciphertext) throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ciphertext, "ciphertext");
        check(key.spec());
        try {
            KEM.Decapsulator decapsulator = KEM.getInstance("ML-KEM").newDecapsulator(key.jcaKey());
            if (ciphertext.length != decapsulator.encapsulationSize()) {
                throw new KeyOperationException(Reason.INVALID_CIPHERTEXT, "The ciphertext for a " + key.spec()
                        + " key must be " + decapsulator.encapsulationSize() + " bytes, got "
                        + ciphertext.length);
            }
            return secretOf(decapsulator.decapsulate(ciphertext));
        } catch (DecapsulateException e) {
            throw new KeyOperationException(Reason.INVALID_CIPHERTEXT,
                    "The ciphertext is invalid for this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ML-KEM is unavailable", e);
        }
    }

    private static void check(AsymmetricKeySpec spec) throws KeyOperationException {
        if (!spec.encapsulationAlgorithms().contains(EncapsulationAlgorithm.ML_KEM)) {
            throw new KeyOperationException(Reason.INCOMPATIBLE_ALGORITHM,
                    "A " + spec + " key cannot encapsulate or decapsulate");
        }
    }

    private static Secret secretOf(SecretKey key) {
        // getEncoded returns a fresh copy, so the Secret may own it.
        return Secret.wrap(key.getEncoded());
    }
}
