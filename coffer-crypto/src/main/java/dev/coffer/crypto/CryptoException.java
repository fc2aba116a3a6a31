package dev.coffer.crypto;

/**
 * A cryptographic check failed: a tag did not verify, a sealed value was malformed or bound to other
 * associated data. The message never contains key material or plaintext.
 */
public final class CryptoException extends Exception {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
