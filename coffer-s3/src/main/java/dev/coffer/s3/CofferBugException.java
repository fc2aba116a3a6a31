package dev.coffer.s3;

/**
 * A broken invariant inside Coffer (a stored key that does not unwrap, a row of an unknown layout): a bug or
 * tampering, never the client's fault. The adapter answers {@code InternalError} and logs it once.
 */
public final class CofferBugException extends RuntimeException {
    public CofferBugException(String message) {
        super(message);
    }

    public CofferBugException(String message, Throwable cause) {
        super(message, cause);
    }
}
