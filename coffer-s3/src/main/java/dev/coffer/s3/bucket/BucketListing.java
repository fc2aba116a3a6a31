package dev.coffer.s3.bucket;

import java.util.List;
import java.util.Optional;

/** One page of {@code ListBuckets}: the buckets, and a token for the next page when there is one. */
public record BucketListing(List<Bucket> buckets, Optional<String> continuationToken) {
    public BucketListing {
        buckets = List.copyOf(buckets);
    }
}
