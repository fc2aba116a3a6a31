package dev.coffer.s3.object;


import dev.coffer.crypto.stream.BodyCipher;
import dev.coffer.crypto.stream.BodyParameters;
import dev.coffer.iam.Principal;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.BucketEncryption;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.sse.IssuedKey;
import dev.coffer.s3.sse.ObjectBinding;
import dev.coffer.s3.sse.SseMode;
import dev.coffer.s3.sse.SseModes;
import dev.coffer.store.BlobId;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.PendingBlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PutObject, DeleteObject, DeleteObjects.
 *
 * <p>Order of a write (DESIGN.md, "Storage"): the body is encrypted into a {@link PendingBlob} while it
 * streams in; only after the verifying stream reached its end is the blob committed (fsync, rename), then the
 * row is committed pointing to it, then the blob it replaced is deleted. A crash leaves at most an orphan
 * blob, which {@link dev.coffer.s3.S3Service#sweepOrphanBlobs()} removes at start-up; a failed or cut-off
 * upload leaves nothing.
 */
public final class ObjectWrites {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectWrites.class);
    /** S3's limit for a single PUT: 5 GiB. */
    public static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Buckets buckets;
    private final SseModes sse;
    private final BucketEncryption encryption;
    private final InstantSource clock;
    private final SecureRandom random;

    public ObjectWrites(MetadataStore store, BlobStore blobs, Buckets buckets, BucketEncryption encryption,
            SseModes sse, InstantSource clock, SecureRandom random) {
        this.store = store;
        this.blobs = blobs;
        this.buckets = buckets;
        this.encryption = encryption;
        this.sse = sse;
        this.clock = clock;
        this.random = random;
    }

    public PutObjectResult put(Principal caller, PutObjectRequest r) {
        buckets.require(caller, r.bucket());
        String key = ObjectKeys.require(r.key());
        String storageClass = ObjectKeys.storageClass(r.storageClass());
        ObjectHeaders headers = r.headers().checkLimits();
        if (r.body().declaredLength() > MAX_PUT_BYTES) {
            throw tooLarge();
        }
        SseMode mode = sse.forWrite(caller, encryption.configurationOf(r.bucket()), r.sse(), r.customerKey(),
                r.secureTransport());
        // Checked early to spare a doomed upload, and again in the commit's transaction, where it counts.
        r.preconditions().checkWrite(store.read(c -> ObjectTable.find(c, r.bucket(), key)), key);

        ObjectBinding where = new ObjectBinding(r.bucket(), key, newVersionId(random));
        BodyParameters parameters = BodyParameters.DEFAULT;
        try (IssuedKey issued = mode.issue(where, BodyCipher.FORMAT_VERSION, parameters.ciphertextSegmentSize());
                PendingBlob pending = blobs.create()) {
            Bodies.Written written = Bodies.write(r.body(), pending.outputStream(), issued.dataKey(),
                    issued.outerKey(), where, "body", random, MAX_PUT_BYTES, mode.etagIsContentMd5());
            // The verifying stream has reached its end: signature, Content-MD5 and checksums all held.
            String etag = etag(written.md5(), random);
            byte[] sealedMetadata = MetadataSeal.seal(issued.dataKey(), where, headers, random);
            BlobId blob = pending.commit();
            StoredObject object = new StoredObject(r.bucket(), key, where.versionId(), blob, written.size(), etag,
                    Instant.ofEpochMilli(clock.millis()), storageClass, r.body().checksum(), sealedMetadata,
                    issued.record(), 0);
            commit(object, r.preconditions(), List.of(blob));
            return new PutObjectResult(object.quotedEtag(), object.checksum(), mode.describe(issued.record()),
                    written.size(), object.lastModified());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits {@code object}'s row if {@code preconditions} hold against the current one, then releases the
     * blobs of the object it replaced; on failure deletes {@code newBlobs} (nothing points to them).
     */
    void commit(StoredObject object, Preconditions preconditions, List<BlobId> newBlobs) {
        List<BlobId> replaced;
        try {
            replaced = store.write(c -> {
                Optional<StoredObject> current = ObjectTable.find(c, object.bucket(), object.key());
                preconditions.checkWrite(current, object.key());
                List<BlobId> old = ObjectTable.delete(c, object.bucket(), object.key());
                ObjectTable.upsert(c, object);
                return old;
            });
        } catch (RuntimeException e) {
            newBlobs.forEach(this::deleteQuietly);
            throw e;
        }
        replaced.forEach(this::deleteQuietly);
    }

    /** A random internal version id: 32 hex digits. */
    static String newVersionId(SecureRandom random) {
        return randomHex16(random);
    }

    /** 16 random bytes as 32 hex digits. */
    private static String randomHex16(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** DeleteObject: succeeds (204) whether or not the key exists, as S3 does for unversioned buckets. */
    public void delete(Principal caller, String bucket, String key) {
        buckets.require(caller, bucket);
        ObjectKeys.require(key);
        store.write(c -> ObjectTable.delete(c, bucket, key)).forEach(this::deleteQuietly);
    }

    /** DeleteObjects: deletes each key in one transaction; per-key results in request order. */
    public List<DeleteResult> deleteMany(Principal caller, String bucket, List<String> keys) {
        buckets.require(caller, bucket);
        List<DeleteResult> results = new ArrayList<>(keys.size());
        List<BlobId> freed = store.write(c -> {
            results.clear();
            List<BlobId> blobsToFree = new ArrayList<>();
            for (String key : keys) {
                try {
                    ObjectKeys.require(key);
                    blobsToFree.addAll(ObjectTable.delete(c, bucket, key));
                    results.add(new DeleteResult(key, Optional.empty()));
                } catch (S3Exception e) {
                    results.add(new DeleteResult(key, Optional.of(e)));
                }
            }
            return blobsToFree;
        });
        freed.forEach(this::deleteQuietly);
        return results;
    }

    /** One key of a DeleteObjects request: deleted, or the error it met. */
    public record DeleteResult(String key, Optional<S3Exception> error) {
    }

    /**
     * The ETag of a body written: the plaintext's MD5 where the mode's ETag is that (SSE-S3), otherwise 16
     * random bytes. S3 documents that SSE-KMS, DSSE-KMS and SSE-C ETags are not the MD5 (an MD5 would let
     * anyone confirm a guessed plaintext of an object they cannot read); a random one also changes with every
     * write, which is all an ETag has to do, and spares hashing the body.
     */
    static String etag(Optional<byte[]> md5, SecureRandom random) {
        return md5.map(HexFormat.of()::formatHex).orElseGet(() -> randomHex16(random));
    }

    private static S3Exception tooLarge() {
        return new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size")
                .withDetail("MaxSizeAllowed", Long.toString(MAX_PUT_BYTES));
    }

    void deleteQuietly(BlobId blob) {
        try {
            blobs.delete(blob);
        } catch (IOException | RuntimeException e) {
            // Harmless: no row points to it, and the next start-up sweep removes it.
            LOG.warn("could not delete blob {}: {}", blob.value(), e.toString());
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
