package dev.coffer.crypto.stream;

import java.io.IOException;

/**
 * A stored body failed authentication or does not have the shape its metadata promises (a flipped bit, a
 * dropped, swapped or truncated segment, the wrong key or associated data). The bytes must not be used;
 * the stream that threw refuses every later read.
 */
public final class BodyIntegrityException extends IOException {
    public BodyIntegrityException(String message) {
        super(message);
    }

    public BodyIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
