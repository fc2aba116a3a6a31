package dev.coffer.s3.object;

import dev.coffer.s3.sse.SseCustomerKey;
import java.util.Objects;
import java.util.Optional;

/**
 * GetObject and HeadObject: the object, an optional {@code Range} header or {@code partNumber}, conditions, and an
 * SSE-C key.
 */
public record GetObjectRequest(String bucket, String key, Optional<String> range, Preconditions preconditions,
        Optional<SseCustomerKey> customerKey, boolean secureTransport, Optional<Integer> partNumber) {
    public GetObjectRequest(String bucket, String key, Optional<String> range, Preconditions preconditions,
            Optional<SseCustomerKey> customerKey, boolean secureTransport) {
        this(bucket, key, range, preconditions, customerKey, secureTransport, Optional.empty());
    }

    public GetObjectRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(preconditions, "preconditions");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(partNumber, "partNumber");
    }
}
