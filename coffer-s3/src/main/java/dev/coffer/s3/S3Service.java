package dev.coffer.s3;

import dev.coffer.crypto.Secret;
import dev.coffer.kms.KmsService;
import dev.coffer.s3.bucket.BucketEncryption;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.object.Copies;
import dev.coffer.s3.object.MultipartUploads;
import dev.coffer.s3.object.ObjectListings;
import dev.coffer.s3.object.ObjectReads;
import dev.coffer.s3.object.ObjectWrites;
import dev.coffer.s3.object.OrphanSweep;
import dev.coffer.s3.sse.KmsGateway;
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
    private final BucketEncryption bucketEncryption;
    private final KmsGateway kmsCalls;
    private final MultipartUploads multipartUploads;
    private final Copies copies;

    /**
     * Server options of the S3 domain.
     *
     * @param allowSseCOverHttp accept SSE-C keys over plain HTTP (never on AWS; for local testing)
     * @param blockSseCOnNewBuckets new buckets start with SSE-C blocked ({@code BlockedEncryptionTypes})
     */
    public record Options(boolean allowSseCOverHttp, boolean blockSseCOnNewBuckets) {
        public static final Options DEFAULTS = new Options(false, false);
    }

    /**
     * @param rootKey the node's root key, from which the SSE-S3 service key is derived
     * @param kms the KMS domain, which SSE-KMS and DSSE-KMS call as the requester
     */
    public S3Service(MetadataStore store, BlobStore blobs, Secret rootKey, KmsService kms, String region,
            InstantSource clock, SecureRandom random, Options options) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(options, "options");
        this.buckets = new Buckets(store, region, clock, options.blockSseCOnNewBuckets());
        this.bucketEncryption = new BucketEncryption(store, buckets);
        this.kmsCalls = new KmsGateway(kms);
        SseModes sse = new SseModes(SseS3.fromRootKey(rootKey, random), kmsCalls, clock, random,
                options.allowSseCOverHttp());
        this.objectWrites = new ObjectWrites(store, blobs, buckets, bucketEncryption, sse, clock, random);
        this.objectReads = new ObjectReads(store, blobs, buckets, sse);
        this.copies = new Copies(objectReads, objectWrites);
        this.multipartUploads = new MultipartUploads(store, blobs, buckets, bucketEncryption, sse, objectWrites, clock,
                random);
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

    public BucketEncryption bucketEncryption() {
        return bucketEncryption;
    }

    public Copies copies() {
        return copies;
    }

    public MultipartUploads multipartUploads() {
        return multipartUploads;
    }

    /** How many cryptographic KMS calls S3 has made for its requests since start (bucket keys save most). */
    public long kmsCallCount() {
        return kmsCalls.calls();
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
