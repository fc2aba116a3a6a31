package dev.coffer.s3.bucket;

import java.time.Instant;
import java.util.Objects;

/** A bucket as stored: its name, the region it lives in, the owning account and when it was made. */
public record Bucket(String name, String region, String ownerAccountId, Instant createdAt) {
    public Bucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(ownerAccountId, "ownerAccountId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public String arn() {
        return "arn:aws:s3:::" + name;
    }
}
