package dev.coffer.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * The one error type of the S3 domain. The message is shown to the client, so it never holds secrets;
 * {@code resource} is the bucket or object the error is about, written as S3's {@code <Resource>}.
 */
public final class S3Exception extends RuntimeException {
    private final S3ErrorCode code;
    private final String resource;

    public S3Exception(S3ErrorCode code, String message, String resource) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.resource = resource;
    }

    public S3Exception(S3ErrorCode code, String message) {
        this(code, message, null);
    }

    public S3Exception(S3ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    public static S3Exception of(S3ErrorCode code, String resource) {
        return new S3Exception(code, code.defaultMessage(), resource);
    }

    public S3ErrorCode code() {
        return code;
    }

    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }
}
