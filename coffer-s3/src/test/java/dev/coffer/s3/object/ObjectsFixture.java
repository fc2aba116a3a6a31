package dev.coffer.s3.object;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsService;
import dev.coffer.s3.S3Service;
import dev.coffer.s3.sse.SseRequest;
import dev.coffer.s3.bucket.CreateBucketRequest;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.fs.FileBlobStore;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;

/** A real S3 domain over SQLite and files in a temp dir, with helpers to put and get objects. */
final class ObjectsFixture implements AutoCloseable {
    static final Principal ALICE = new Principal("111111111111", "arn:aws:iam::111111111111:root",
            "111111111111", "AKIAALICE00000000000");
    static final String BUCKET = "objects-test";

    final Path dir;
    final MetadataStore store;
    final FileBlobStore blobs;
    final S3Service s3;
    final KmsService kms;

    ObjectsFixture(Path dir) throws IOException {
        this.dir = dir;
        SecureRandom random = new SecureRandom();
        store = SqliteMetadataStore.open(dir.resolve("m.db"), InstantSource.system());
        blobs = FileBlobStore.open(dir.resolve("blobs"), random);
        try (Secret root = Secret.random(32, random)) {
            kms = new KmsService(store, Secret.random(32, random), "us-east-1", InstantSource.system(), random);
            s3 = new S3Service(store, blobs, root, kms, "us-east-1", InstantSource.system(), random,
                    S3Service.Options.DEFAULTS);
        }
        s3.buckets().create(ALICE, new CreateBucketRequest(BUCKET, Optional.empty()));
    }

    PutObjectResult put(String key, byte[] body) {
        return put(key, body, ObjectHeaders.none(), Optional.empty(), Preconditions.none());
    }

    PutObjectResult put(String key, byte[] body, ObjectHeaders headers, Optional<SseCustomerKey> sseC,
            Preconditions preconditions) {
        return put(key, body, headers, SseRequest.none(), sseC, preconditions);
    }

    PutObjectResult put(String key, byte[] body, ObjectHeaders headers, SseRequest sse, Optional<SseCustomerKey> sseC,
            Preconditions preconditions) {
        return s3.objectWrites().put(ALICE, new PutObjectRequest(BUCKET, key, headers, Optional.empty(),
                sse, sseC, preconditions, true, upload(new ByteArrayInputStream(body), body.length)));
    }

    static UploadBody upload(InputStream in, long length) {
        return new UploadBody() {
            @Override
            public InputStream stream() {
                return in;
            }

            @Override
            public long declaredLength() {
                return length;
            }

            @Override
            public Optional<Checksum> checksum() {
                return Optional.of(new Checksum("CRC32", "AAAAAA=="));
            }

            @Override
            public Optional<byte[]> contentMd5() {
                return Optional.empty();
            }
        };
    }

    byte[] get(String key, Optional<String> range) throws IOException {
        return get(key, range, Optional.empty());
    }

    byte[] get(String key, Optional<String> range, Optional<SseCustomerKey> sseC) throws IOException {
        try (ObjectContent c = s3.objectReads().get(ALICE, new GetObjectRequest(BUCKET, key, range,
                Preconditions.none(), sseC, true))) {
            return c.body().orElseThrow().readAllBytes();
        }
    }

    static Optional<SseCustomerKey> customerKey(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        try {
            String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
            return SseCustomerKey.parse(Optional.of("AES256"), Optional.of(Base64.getEncoder().encodeToString(key)),
                    Optional.of(md5));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long blobCount() throws IOException {
        try (var s = blobs.list()) {
            return s.count();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
