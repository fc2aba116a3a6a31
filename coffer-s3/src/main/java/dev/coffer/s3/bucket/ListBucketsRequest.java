package dev.coffer.s3.bucket;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code ListBuckets} with its optional paging ({@code max-buckets} 1–10,000, {@code continuation-token})
 * and filters ({@code prefix}, {@code bucket-region}).
 */
public record ListBucketsRequest(Optional<Integer> maxBuckets, Optional<String> continuationToken,
        Optional<String> prefix, Optional<String> bucketRegion) {
    public static final int MAX_BUCKETS_LIMIT = 10_000;

    public ListBucketsRequest {
        Objects.requireNonNull(maxBuckets, "maxBuckets");
        Objects.requireNonNull(continuationToken, "continuationToken");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(bucketRegion, "bucketRegion");
    }

    public static ListBucketsRequest all() {
        return new ListBucketsRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
