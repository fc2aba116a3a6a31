package dev.coffer.server.s3;

import java.util.Optional;

/**
 * What an S3 request addresses: the operation, and the bucket and key taken from the virtual host or
 * the path (the key decoded once from the raw path, as S3 does).
 */
public record S3Target(S3Operation operation, Optional<String> bucket, Optional<String> key) {
    public String bucketName() {
        return bucket.orElseThrow();
    }

    public String objectKey() {
        return key.orElseThrow();
    }
}
