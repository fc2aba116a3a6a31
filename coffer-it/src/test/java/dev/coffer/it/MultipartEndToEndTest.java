package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** Multipart uploads and CopyObject through the real S3 client, in each encryption mode. */
class MultipartEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final int MIB = 1024 * 1024;
    private static final String BUCKET = "multipart-e2e";
    private static S3Client s3;
    private static S3Client https;
    private static String kmsKey;

    @BeforeAll
    static void clients() {
        s3 = coffer.s3();
        https = coffer.s3Https();
        s3.createBucket(b -> b.bucket(BUCKET));
        try (var kms = coffer.kms()) {
            kmsKey = kms.createKey(k -> { }).keyMetadata().arn();
        }
    }

    @AfterAll
    static void close() {
        s3.close();
        https.close();
    }

    static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<byte[]> split(byte[] body, int... sizes) {
        List<byte[]> parts = new ArrayList<>();
        int off = 0;
        for (int s : sizes) {
            parts.add(Arrays.copyOfRange(body, off, off + s));
            off += s;
        }
        return parts;
    }

    private static CompleteMultipartUploadResponse upload(S3Client client, String key, List<byte[]> parts,
            Consumer<CreateMultipartUploadRequest.Builder> create, Consumer<software.amazon.awssdk.services.s3.model.UploadPartRequest.Builder> sseC) {
        String id = client.createMultipartUpload(c -> create.accept(c.bucket(BUCKET).key(key))).uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            UploadPartResponse r = client.uploadPart(u -> sseC.accept(u.bucket(BUCKET).key(key).uploadId(id).partNumber(n)),
                    RequestBody.fromBytes(parts.get(i)));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        return client.completeMultipartUpload(c -> c.bucket(BUCKET).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(done)).applyMutation(b -> {
                    if (key.startsWith("ssec")) {
                        b.sseCustomerAlgorithm("AES256").sseCustomerKey(SseCEndToEndTest.key((byte) 4))
                                .sseCustomerKeyMD5(SseCEndToEndTest.md5(SseCEndToEndTest.key((byte) 4)));
                    }
                }));
    }

    @Test
    void multipart_inEachMode_roundTrips_withAMultipartEtag_rangesAcrossParts_andPartNumberReads() {
        byte[] body = random(10 * MIB + 12345, 1);
        List<byte[]> parts = split(body, 5 * MIB, 5 * MIB, 12345);
        String k4 = SseCEndToEndTest.key((byte) 4);
        String k4md5 = SseCEndToEndTest.md5(k4);
        Map<String, Consumer<CreateMultipartUploadRequest.Builder>> modes = Map.of(
                "sse-s3", c -> { },
                "sse-kms", c -> c.serverSideEncryption("aws:kms").ssekmsKeyId(kmsKey),
                "sse-kms-bk", c -> c.serverSideEncryption("aws:kms").ssekmsKeyId(kmsKey).bucketKeyEnabled(true),
                "dsse", c -> c.serverSideEncryption("aws:kms:dsse").ssekmsKeyId(kmsKey),
                "ssec", c -> c.sseCustomerAlgorithm("AES256").sseCustomerKey(k4).sseCustomerKeyMD5(k4md5));
        for (var mode : modes.entrySet()) {
            String key = mode.getKey() + "/object";
            boolean ssec = mode.getKey().equals("ssec");
            S3Client client = ssec ? https : s3;
            CompleteMultipartUploadResponse done = upload(client, key, parts, mode.getValue(), u -> {
                if (ssec) {
                    u.sseCustomerAlgorithm("AES256").sseCustomerKey(k4).sseCustomerKeyMD5(k4md5);
                }
            });
            assertThat(done.eTag()).as(mode.getKey()).matches("\"[0-9a-f]{32}-3\"");
            ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(g -> g.bucket(BUCKET).key(key).applyMutation(b -> {
                if (ssec) {
                    b.sseCustomerAlgorithm("AES256").sseCustomerKey(k4).sseCustomerKeyMD5(k4md5);
                }
            }));
            assertThat(got.asByteArray()).as(mode.getKey()).isEqualTo(body);
            assertThat(got.response().eTag()).isEqualTo(done.eTag());
            assertThat(got.response().partsCount()).isEqualTo(3);
            byte[] across = client.getObjectAsBytes(g -> g.bucket(BUCKET).key(key).range("bytes=5242870-5242889")
                    .applyMutation(b -> {
                        if (ssec) {
                            b.sseCustomerAlgorithm("AES256").sseCustomerKey(k4).sseCustomerKeyMD5(k4md5);
                        }
                    })).asByteArray();
            assertThat(across).isEqualTo(Arrays.copyOfRange(body, 5242870, 5242890));
            byte[] part3 = client.getObjectAsBytes(g -> g.bucket(BUCKET).key(key).partNumber(3).applyMutation(b -> {
                if (ssec) {
                    b.sseCustomerAlgorithm("AES256").sseCustomerKey(k4).sseCustomerKeyMD5(k4md5);
                }
            })).asByteArray();
            assertThat(part3).isEqualTo(parts.get(2));
        }
        assertThat(s3.headObject(h -> h.bucket(BUCKET).key("sse-kms/object")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(s3.headObject(h -> h.bucket(BUCKET).key("dsse/object")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
    }

    @Test
    void compositeChecksum_isTheChecksumOfThePartChecksums() {
        byte[] body = random(5 * MIB + 10, 2);
        List<byte[]> parts = split(body, 5 * MIB, 10);
        String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("crc").checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i + 1;
            UploadPartResponse r = s3.uploadPart(u -> u.bucket(BUCKET).key("crc").uploadId(id).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(parts.get(n - 1)));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        CompleteMultipartUploadResponse c = s3.completeMultipartUpload(m -> m.bucket(BUCKET).key("crc").uploadId(id)
                .multipartUpload(u -> u.parts(done)));
        assertThat(c.checksumCRC32()).endsWith("-2");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("crc").checksumMode(ChecksumMode.ENABLED))
                .asByteArray()).isEqualTo(body);
    }

    @Test
    void limitsAndErrors_areAws() {
        String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("errors")).uploadId();
        UploadPartResponse p1 = s3.uploadPart(u -> u.bucket(BUCKET).key("errors").uploadId(id).partNumber(1),
                RequestBody.fromString("small"));
        UploadPartResponse p2 = s3.uploadPart(u -> u.bucket(BUCKET).key("errors").uploadId(id).partNumber(2),
                RequestBody.fromString("small"));
        assertError(() -> s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("errors").uploadId(id).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
                        CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build()))), 400, "EntityTooSmall");
        assertError(() -> s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("errors").uploadId(id).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build(),
                        CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build()))), 400, "InvalidPartOrder");
        assertError(() -> s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("errors").uploadId(id).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(3).eTag(p2.eTag()).build()))), 400, "InvalidPart");
        assertError(() -> s3.uploadPart(u -> u.bucket(BUCKET).key("errors").uploadId(id).partNumber(10001),
                RequestBody.fromString("x")), 400, "InvalidArgument");
        ListPartsResponse listed = s3.listParts(l -> l.bucket(BUCKET).key("errors").uploadId(id));
        assertThat(listed.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(s3.listMultipartUploads(l -> l.bucket(BUCKET)).uploads()).anyMatch(u -> u.uploadId().equals(id));
        // A single small last part completes.
        CompleteMultipartUploadResponse one = s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("errors").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
        assertThat(one.eTag()).endsWith("-1\"");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("errors")).asUtf8String()).isEqualTo("small");
        assertError(() -> s3.uploadPart(u -> u.bucket(BUCKET).key("errors").uploadId(id).partNumber(1),
                RequestBody.fromString("x")), 404, "NoSuchUpload");
        assertError(() -> s3.abortMultipartUpload(a -> a.bucket(BUCKET).key("errors").uploadId("nope")), 404, "NoSuchUpload");
    }

    @Test
    void abort_andOverwrite_releaseEveryPartBlob() throws Exception {
        s3.createBucket(b -> b.bucket("mp-blobs"));
        long before = blobCount();
        String id = s3.createMultipartUpload(c -> c.bucket("mp-blobs").key("k")).uploadId();
        s3.uploadPart(u -> u.bucket("mp-blobs").key("k").uploadId(id).partNumber(1), RequestBody.fromString("a"));
        s3.uploadPart(u -> u.bucket("mp-blobs").key("k").uploadId(id).partNumber(1), RequestBody.fromString("b"));
        s3.uploadPart(u -> u.bucket("mp-blobs").key("k").uploadId(id).partNumber(2), RequestBody.fromString("c"));
        assertThat(blobCount() - before).isEqualTo(2);
        s3.abortMultipartUpload(a -> a.bucket("mp-blobs").key("k").uploadId(id));
        assertThat(blobCount()).isEqualTo(before);

        String id2 = s3.createMultipartUpload(c -> c.bucket("mp-blobs").key("k")).uploadId();
        UploadPartResponse p = s3.uploadPart(u -> u.bucket("mp-blobs").key("k").uploadId(id2).partNumber(1),
                RequestBody.fromString("x"));
        s3.uploadPart(u -> u.bucket("mp-blobs").key("k").uploadId(id2).partNumber(2), RequestBody.fromString("unused"));
        s3.completeMultipartUpload(c -> c.bucket("mp-blobs").key("k").uploadId(id2)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(p.eTag()).build())));
        assertThat(blobCount() - before).as("the unused part is released").isEqualTo(1);
        s3.putObject(o -> o.bucket("mp-blobs").key("k"), RequestBody.fromString("single"));
        assertThat(blobCount() - before).isEqualTo(1);
        s3.deleteObject(d -> d.bucket("mp-blobs").key("k"));
        assertThat(blobCount()).isEqualTo(before);
    }

    @Test
    void uploadPartCopy_withARange_copiesThoseBytes() {
        byte[] source = random(6 * MIB, 3);
        s3.putObject(p -> p.bucket(BUCKET).key("copy-src").serverSideEncryption("aws:kms").ssekmsKeyId(kmsKey),
                RequestBody.fromBytes(source));
        String id = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("copy-dst")).uploadId();
        var c1 = s3.uploadPartCopy(u -> u.sourceBucket(BUCKET).sourceKey("copy-src").destinationBucket(BUCKET)
                .destinationKey("copy-dst").uploadId(id).partNumber(1).copySourceRange("bytes=0-5242879"));
        var c2 = s3.uploadPartCopy(u -> u.sourceBucket(BUCKET).sourceKey("copy-src").destinationBucket(BUCKET)
                .destinationKey("copy-dst").uploadId(id).partNumber(2).copySourceRange("bytes=5242880-6291455"));
        s3.completeMultipartUpload(c -> c.bucket(BUCKET).key("copy-dst").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(c1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(c2.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("copy-dst")).asByteArray()).isEqualTo(source);
    }

    @Test
    void copyObject_copiesOrReplacesMetadata_changesEncryptionInPlace_andRefusesAnEmptySelfCopy() {
        s3.putObject(p -> p.bucket(BUCKET).key("c-src").contentType("text/plain").metadata(Map.of("a", "1")),
                RequestBody.fromString("copy me"));
        CopyObjectResponse copied = s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src")
                .destinationBucket(BUCKET).destinationKey("c-dst"));
        // SSE-S3 to SSE-S3: the copy's ETag is still the content's MD5 (taken from the source, not hashed again).
        assertThat(copied.copyObjectResult().eTag()).isEqualTo("\"" + java.util.HexFormat.of().formatHex(
                contentMd5("copy me".getBytes(java.nio.charset.StandardCharsets.UTF_8))) + "\"");
        GetObjectResponse dst = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("c-dst")).response();
        assertThat(dst.metadata()).containsEntry("a", "1");
        assertThat(dst.contentType()).isEqualTo("text/plain");
        s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET).destinationKey("c-rep")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("b", "2")));
        assertThat(s3.headObject(h -> h.bucket(BUCKET).key("c-rep")).metadata()).containsExactly(Map.entry("b", "2"));

        assertError(() -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET)
                .destinationKey("c-src")), 400, "InvalidRequest");
        CopyObjectResponse rekeyed = s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET)
                .destinationKey("c-src").serverSideEncryption("aws:kms").ssekmsKeyId(kmsKey));
        assertThat(rekeyed.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(rekeyed.ssekmsKeyId()).isEqualTo(kmsKey);
        s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET).destinationKey("c-src")
                .storageClass(StorageClass.STANDARD_IA));
        assertThat(s3.headObject(h -> h.bucket(BUCKET).key("c-src")).storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("c-src")).asUtf8String()).isEqualTo("copy me");

        String etag = s3.headObject(h -> h.bucket(BUCKET).key("c-src")).eTag();
        assertError(() -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET)
                .destinationKey("c-x").copySourceIfMatch("\"nope\"")), 412, "PreconditionFailed");
        assertError(() -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET)
                .destinationKey("c-x").copySourceIfNoneMatch(etag)), 412, "PreconditionFailed");
        s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("c-src").destinationBucket(BUCKET).destinationKey("c-x")
                .copySourceIfMatch(etag));
    }

    @Test
    void copyObject_fromAnSseCSource_needsTheCopySourceKey() {
        String k = SseCEndToEndTest.key((byte) 6);
        String md5 = SseCEndToEndTest.md5(k);
        https.putObject(p -> p.bucket(BUCKET).key("ssec-src").sseCustomerAlgorithm("AES256").sseCustomerKey(k)
                .sseCustomerKeyMD5(md5), RequestBody.fromString("sealed"));
        assertError(() -> https.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("ssec-src").destinationBucket(BUCKET)
                .destinationKey("from-ssec")), 400, "InvalidRequest");
        https.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("ssec-src").destinationBucket(BUCKET)
                .destinationKey("from-ssec").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(k)
                .copySourceSSECustomerKeyMD5(md5));
        assertThat(https.getObjectAsBytes(g -> g.bucket(BUCKET).key("from-ssec")).asUtf8String()).isEqualTo("sealed");
    }

    private static long blobCount() throws Exception {
        try (var s = coffer.node().blobs().list()) {
            return s.count();
        }
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }

    private static byte[] contentMd5(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
