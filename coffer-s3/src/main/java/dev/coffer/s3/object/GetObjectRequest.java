package dev.coffer.s3.object;

import dev.coffer.s3.sse.SseCustomerKey;
import java.util.Objects;
import java.util.Optional;

/** GetObject and HeadObject: the object, an optional {@code Range} header, conditions, and an SSE-C key. */
public record GetObjectRequest(String bucket, String key, Optional<String> range, Preconditions preconditions,
        Optional<SseCustomerKey> customerKey, boolean secureTransport) {
    public GetObjectRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(preconditions, "preconditions");
        Objects.requireNonNull(customerKey, "customerKey");
    }
}
