package dev.coffer.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one error type of the S3 domain. The message is shown to the client, so it never holds secrets;
 * {@code resource} is the bucket or object the error is about, written as S3's {@code <Resource>};
 * {@code details} are the extra elements S3 adds to some errors ({@code <Key>}, {@code <Condition>},
 * {@code <RangeRequested>}, …), in order.
 */
public final class S3Exception extends RuntimeException {
    private final S3ErrorCode code;
    private final String resource;
    private final Map<String, String> details;

    private S3Exception(S3ErrorCode code, String message, String resource, Map<String, String> details) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.resource = resource;
        this.details = details;
    }

    public S3Exception(S3ErrorCode code, String message, String resource) {
        this(code, message, resource, Map.of());
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

    /** The same error with one more detail element. */
    public S3Exception withDetail(String name, String value) {
        Map<String, String> d = new LinkedHashMap<>(details);
        d.put(name, value);
        return new S3Exception(code, getMessage(), resource, Collections.unmodifiableMap(d));
    }

    /** The same error with more detail elements. */
    public S3Exception withDetails(Map<String, String> more) {
        Map<String, String> d = new LinkedHashMap<>(details);
        d.putAll(more);
        return new S3Exception(code, getMessage(), resource, Collections.unmodifiableMap(d));
    }

    public S3ErrorCode code() {
        return code;
    }

    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    public Map<String, String> details() {
        return details;
    }
}
