package dev.coffer.s3.object;

import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.s3.sse.SseRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * PutObject.
 *
 * @param sse the encryption headers (none: the bucket's default encryption)
 * @param customerKey the SSE-C key, if sent
 * @param secureTransport whether the request came over TLS (SSE-C requires it)
 */
public record PutObjectRequest(String bucket, String key, ObjectHeaders headers, Optional<String> storageClass,
        SseRequest sse, Optional<SseCustomerKey> customerKey, Preconditions preconditions,
        boolean secureTransport, UploadBody body) {
    public PutObjectRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(sse, "sse");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(preconditions, "preconditions");
        Objects.requireNonNull(body, "body");
    }
}
