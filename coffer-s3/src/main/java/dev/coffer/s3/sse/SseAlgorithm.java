package dev.coffer.s3.sse;

import java.util.Optional;

/**
 * The encryption modes as stored ({@code objects.sse_mode}); the names are stored, never rename one.
 * {@link #headerValue()} is what {@code x-amz-server-side-encryption} says for the mode, if anything.
 */
public enum SseAlgorithm {
    SSE_S3("AES256"),
    SSE_C(null),
    SSE_KMS("aws:kms"),
    DSSE_KMS("aws:kms:dsse");

    private final String headerValue;

    SseAlgorithm(String headerValue) {
        this.headerValue = headerValue;
    }

    public Optional<String> headerValue() {
        return Optional.ofNullable(headerValue);
    }
}
