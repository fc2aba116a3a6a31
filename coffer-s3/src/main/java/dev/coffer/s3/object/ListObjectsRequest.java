package dev.coffer.s3.object;

import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, in the terms all three list operations share.
 *
 * @param after list keys after this one ({@code marker}, {@code start-after}, a decoded continuation token,
 *     {@code key-marker}); a common prefix equal to it or before it is not listed again
 * @param maxKeys 0 to 1,000 (larger values are capped at 1,000, as S3 does)
 */
public record ListObjectsRequest(String bucket, String prefix, Optional<String> delimiter, String after, int maxKeys) {
    public static final int MAX_KEYS = 1000;

    public ListObjectsRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(after, "after");
        delimiter = delimiter.filter(d -> !d.isEmpty());
        maxKeys = Math.min(maxKeys, MAX_KEYS);
        if (maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys must not be negative");
        }
    }
}
