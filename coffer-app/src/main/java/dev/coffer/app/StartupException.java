package dev.coffer.app;

/** The server cannot start, for a reason the operator can fix; the message says what and how. */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
