package dev.coffer.store.root;

/**
 * The root key cannot be loaded or derived. The message says what is wrong and what to do about it
 * ("run chmod 600 …", "restore it from your backup"); it never contains key bytes or the passphrase.
 * Unchecked: it stops the server at startup, and nothing below {@code main} can do better than report it.
 */
public final class RootKeyException extends RuntimeException {
    public RootKeyException(String message) {
        super(message);
    }

    public RootKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
