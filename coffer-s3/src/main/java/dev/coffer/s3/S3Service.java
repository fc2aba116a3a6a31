package dev.coffer.s3;

import dev.coffer.s3.bucket.Buckets;
import dev.coffer.store.MetadataStore;
import java.time.InstantSource;
import java.util.Objects;

/** The S3 domain: one entry point per resource family, all taking the caller's {@code Principal}. */
public final class S3Service {
    private final Buckets buckets;

    public S3Service(MetadataStore store, String region, InstantSource clock) {
        Objects.requireNonNull(store, "store");
        this.buckets = new Buckets(store, region, clock);
    }

    public Buckets buckets() {
        return buckets;
    }
}
