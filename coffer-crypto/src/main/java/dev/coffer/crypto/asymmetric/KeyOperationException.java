package dev.coffer.crypto.asymmetric;

import java.util.Objects;

/**
 * A key operation was refused: its input had the wrong size or form, the algorithm does not fit the key, a
 * ciphertext or a public key was not acceptable, or key material does not match its spec. A signature that does
 * not verify is not an error: verification returns {@code false}.
 *
 * <p>The message is safe to show a client: it names sizes, algorithms and key specs, never key material,
 * plaintext or a message. {@link #reason()} says which KMS error it is, so the caller can map it without reading
 * the text.
 */
public final class KeyOperationException extends Exception {
    /** Why the operation was refused, with the KMS error each reason usually becomes. */
    public enum Reason {
        /** A message, digest, plaintext or message type had the wrong size or form (ValidationException). */
        INVALID_INPUT,
        /** The algorithm is not one the key spec supports (InvalidKeyUsageException). */
        INCOMPATIBLE_ALGORITHM,
        /** A ciphertext did not decrypt or had the wrong size (InvalidCiphertextException). */
        INVALID_CIPHERTEXT,
        /**
         * A public key from outside (an ECDH peer's, a recipient's) is malformed, of a spec KMS does not support,
         * or on another curve than the KMS key's (ValidationException).
         */
        INVALID_PUBLIC_KEY,
        /** Key material (PKCS#8, SPKI, HMAC bytes) does not parse or does not match its key spec. */
        INVALID_KEY_MATERIAL
    }

    private final Reason reason;

    public KeyOperationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public KeyOperationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
