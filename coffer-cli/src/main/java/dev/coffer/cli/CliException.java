package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

/**
 * A failure the user should read: one line of text and the exit code that classifies it. Everything the
 * commands throw on purpose is one of these; {@link Failures} turns the rest into one.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit codes of {@code coffer encrypt} / {@code decrypt}, shown in their {@code --help}. */
    public static final int DATA = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;
    public static final int IO = 4;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.exitCode = exitCode;
    }

    /** The message cannot be encrypted or decrypted: wrong key, wrong context, tampered, truncated. */
    public static CliException data(String message) {
        return new CliException(DATA, message, null);
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message, null);
    }

    /** Credentials, KMS reachability, KMS permissions or key state. */
    public static CliException environment(String message) {
        return new CliException(ENVIRONMENT, message, null);
    }

    public static CliException io(String message, Throwable cause) {
        return new CliException(IO, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
