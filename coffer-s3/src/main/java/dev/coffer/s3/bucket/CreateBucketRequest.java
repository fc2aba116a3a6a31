package dev.coffer.s3.bucket;

import java.util.Objects;
import java.util.Optional;

/** {@code CreateBucket}: the name and the optional {@code LocationConstraint} from the request body. */
public record CreateBucketRequest(String bucket, Optional<String> locationConstraint) {
    public CreateBucketRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(locationConstraint, "locationConstraint");
    }
}
