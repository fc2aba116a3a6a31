package dev.coffer.s3;

import dev.coffer.crypto.Secret;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.object.ObjectListings;
import dev.coffer.s3.object.ObjectReads;
import dev.coffer.s3.object.ObjectWrites;
import dev.coffer.s3.object.OrphanSweep;
import dev.coffer.s3.sse.SseModes;
import dev.coffer.s3.sse.SseS3;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;

/** The S3 domain: one entry point per resource family, all taking the caller's {@code Principal}. */
public final class S3Service {
    private final Buckets buckets;
    private final ObjectWrites objectWrites;
    private final ObjectReads objectReads;
    private final ObjectListings objectListings;
    private final OrphanSweep orphanSweep;

    /**
     * @param rootKey the node's root key, from which the SSE-S3 service key is derived
     * @param allowSseCOverHttp accept SSE-C keys over plain HTTP (never on AWS; for local testing)
     */
    public S3Service(MetadataStore store, BlobStore blobs, Secret rootKey, String region, InstantSource clock,
            SecureRandom random, boolean allowSseCOverHttp) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(blobs, "blobs");
        this.buckets = new Buckets(store, region, clock);
        SseModes sse = new SseModes(SseS3.fromRootKey(rootKey, random), random, allowSseCOverHttp);
        this.objectWrites = new ObjectWrites(store, blobs, buckets, sse, clock, random);
        this.objectReads = new ObjectReads(store, blobs, buckets, sse);
        this.objectListings = new ObjectListings(store, buckets);
        this.orphanSweep = new OrphanSweep(store, blobs);
    }

    public Buckets buckets() {
        return buckets;
    }

    public ObjectWrites objectWrites() {
        return objectWrites;
    }

    public ObjectReads objectReads() {
        return objectReads;
    }

    public ObjectListings objectListings() {
        return objectListings;
    }

    /**
     * Deletes every blob no object row references: what a crash between a blob's commit and its row's commit
     * (or between a row's delete and its blob's) leaves behind. Only safe while no write is in flight, so the
     * node runs it at start-up, before it listens. Returns how many blobs it removed.
     */
    public int sweepOrphanBlobs() {
        return orphanSweep.run();
    }
}
