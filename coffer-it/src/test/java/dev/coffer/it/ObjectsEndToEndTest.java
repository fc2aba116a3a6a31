package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The object API through the real S3 client at its default settings (aws-chunked uploads with CRC32 trailers). */
class ObjectsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final String BUCKET = "objects-e2e";
    private static S3Client s3;
    private static S3Client vhost;

    @BeforeAll
    static void clients() {
        s3 = coffer.s3();
        vhost = coffer.s3VirtualHosted();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
        vhost.close();
    }

    @Test
    void putGetHeadDelete_roundTripBodyMetadataAndHeaders_underSseS3() throws Exception {
        byte[] body = random(3 * 1024 * 1024 + 17);
        PutObjectResponse put = s3.putObject(p -> p.bucket(BUCKET).key("dir/file.bin").contentType("application/x-test")
                .contentDisposition("attachment").contentLanguage("en").cacheControl("max-age=60")
                .metadata(Map.of("color", "blue", "size", "large")), RequestBody.fromBytes(body));
        assertThat(put.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"");
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(put.checksumCRC32()).isNotNull();

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("dir/file.bin")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(body);
        GetObjectResponse r = got.response();
        assertThat(r.eTag()).isEqualTo(put.eTag());
        assertThat(r.contentType()).isEqualTo("application/x-test");
        assertThat(r.contentDisposition()).isEqualTo("attachment");
        assertThat(r.contentLanguage()).isEqualTo("en");
        assertThat(r.cacheControl()).isEqualTo("max-age=60");
        assertThat(r.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("color", "blue", "size", "large"));
        assertThat(r.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(r.checksumCRC32()).isEqualTo(put.checksumCRC32());
        assertThat(r.contentLength()).isEqualTo(body.length);

        HeadObjectResponse head = s3.headObject(h -> h.bucket(BUCKET).key("dir/file.bin"));
        assertThat(head.contentLength()).isEqualTo(body.length);
        assertThat(head.metadata()).containsEntry("color", "blue");
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        s3.deleteObject(d -> d.bucket(BUCKET).key("dir/file.bin"));
        s3.deleteObject(d -> d.bucket(BUCKET).key("dir/file.bin"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("dir/file.bin")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headObject(h -> h.bucket(BUCKET).key("dir/file.bin")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void emptyObject_andVirtualHostedStyle_work() {
        vhost.putObject(p -> p.bucket(BUCKET).key("vh/empty"), RequestBody.empty());
        assertThat(vhost.getObjectAsBytes(g -> g.bucket(BUCKET).key("vh/empty")).asByteArray()).isEmpty();
        vhost.putObject(p -> p.bucket(BUCKET).key("vh/text"), RequestBody.fromString("virtual"));
        assertThat(vhost.getObjectAsBytes(g -> g.bucket(BUCKET).key("vh/text")).asUtf8String()).isEqualTo("virtual");
        assertThat(vhost.listObjectsV2(l -> l.bucket(BUCKET).prefix("vh/")).contents()).extracting(S3Object::key)
                .containsExactly("vh/empty", "vh/text");
    }

    @Test
    void rangeGets_return206WithContentRange_and416PastTheEnd() {
        byte[] body = random(200_000);
        s3.putObject(p -> p.bucket(BUCKET).key("range"), RequestBody.fromBytes(body));
        ResponseBytes<GetObjectResponse> mid = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=65530-65545"));
        assertThat(mid.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, 65530, 65546));
        assertThat(mid.response().contentRange()).isEqualTo("bytes 65530-65545/200000");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=-5")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(body, 199_995, 200_000));
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=199000-")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(body, 199_000, 200_000));
        assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("range").range("bytes=200000-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void conditionalReadsAndWrites_answer304And412() {
        PutObjectResponse put = s3.putObject(p -> p.bucket(BUCKET).key("cond"), RequestBody.fromString("v1"));
        Instant past = Instant.parse("2001-01-01T00:00:00Z");
        Instant future = Instant.now().plusSeconds(3600);
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifMatch(put.eTag())).asUtf8String()).isEqualTo("v1");
        assertStatus(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifMatch("\"nope\"")), 412);
        assertStatus(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifNoneMatch(put.eTag())), 304);
        assertStatus(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifModifiedSince(future)), 304);
        assertStatus(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond").ifUnmodifiedSince(past)), 412);
        assertStatus(() -> s3.headObject(h -> h.bucket(BUCKET).key("cond").ifNoneMatch("*")), 304);
        assertStatus(() -> s3.putObject(p -> p.bucket(BUCKET).key("cond").ifNoneMatch("*"), RequestBody.fromString("v2")), 412);
        assertStatus(() -> s3.putObject(p -> p.bucket(BUCKET).key("cond").ifMatch("\"other\""), RequestBody.fromString("v2")), 412);
        s3.putObject(p -> p.bucket(BUCKET).key("cond").ifMatch(put.eTag()), RequestBody.fromString("v2"));
        s3.putObject(p -> p.bucket(BUCKET).key("cond-new").ifNoneMatch("*"), RequestBody.fromString("new"));
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cond")).asUtf8String()).isEqualTo("v2");
    }

    @Test
    void responseOverrides_replaceTheStoredHeaders() {
        s3.putObject(p -> p.bucket(BUCKET).key("override").contentType("text/plain"), RequestBody.fromString("x"));
        GetObjectResponse r = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("override")
                .responseContentType("application/json").responseContentDisposition("inline")
                .responseCacheControl("no-cache").responseContentLanguage("fr")).response();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.contentDisposition()).isEqualTo("inline");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
        assertThat(r.contentLanguage()).isEqualTo("fr");
    }

    @Test
    void listings_v2_v1_andVersions_pageThroughKeysAndCommonPrefixes() {
        String b = "listing-e2e";
        s3.createBucket(c -> c.bucket(b));
        List<String> keys = List.of("a+b c.txt", "docs/1", "docs/2", "docs/sub/3", "e/€", "z");
        keys.forEach(k -> s3.putObject(p -> p.bucket(b).key(k), RequestBody.fromString(k)));

        List<String> all = new ArrayList<>();
        s3.listObjectsV2Paginator(l -> l.bucket(b).maxKeys(2)).contents().forEach(o -> all.add(o.key()));
        assertThat(all).containsExactlyElementsOf(keys);

        ListObjectsV2Response delimited = s3.listObjectsV2(l -> l.bucket(b).prefix("docs/").delimiter("/").fetchOwner(true));
        assertThat(delimited.contents()).extracting(S3Object::key).containsExactly("docs/1", "docs/2");
        assertThat(delimited.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/sub/");
        assertThat(delimited.contents().getFirst().owner()).isNotNull();
        assertThat(delimited.keyCount()).isEqualTo(3);

        ListObjectsV2Response encoded = s3.listObjectsV2(l -> l.bucket(b).encodingType("url").startAfter("docs/sub/3"));
        assertThat(encoded.contents()).extracting(S3Object::key).containsExactly("e/€", "z");

        ListObjectsResponse v1 = s3.listObjects(l -> l.bucket(b).delimiter("/").maxKeys(2));
        assertThat(v1.isTruncated()).isTrue();
        assertThat(v1.nextMarker()).isEqualTo("docs/");
        ListObjectsResponse v1next = s3.listObjects(l -> l.bucket(b).delimiter("/").marker(v1.nextMarker()));
        assertThat(v1next.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("e/");
        assertThat(v1next.contents()).extracting(S3Object::key).containsExactly("z");

        ListObjectVersionsResponse versions = s3.listObjectVersions(l -> l.bucket(b));
        assertThat(versions.versions()).hasSize(keys.size()).allSatisfy(v -> {
            assertThat(v.versionId()).isEqualTo("null");
            assertThat(v.isLatest()).isTrue();
        });
        assertThat(s3.getBucketVersioning(v -> v.bucket(b)).status()).isNull();

        DeleteObjectsResponse deleted = s3.deleteObjects(d -> d.bucket(b).delete(Delete.builder()
                .objects(versions.versions().stream().map(v -> ObjectIdentifier.builder().key(v.key())
                        .versionId(v.versionId()).build()).toList()).build()));
        assertThat(deleted.deleted()).hasSize(keys.size());
        assertThat(deleted.errors()).isEmpty();
        s3.deleteBucket(d -> d.bucket(b));
    }

    @Test
    void deleteObjects_inQuietMode_reportsOnlyErrors() {
        s3.putObject(p -> p.bucket(BUCKET).key("q1"), RequestBody.fromString("1"));
        DeleteObjectsResponse r = s3.deleteObjects(d -> d.bucket(BUCKET).delete(Delete.builder().quiet(true)
                .objects(ObjectIdentifier.builder().key("q1").build(), ObjectIdentifier.builder().key("q2").build())
                .build()));
        assertThat(r.deleted()).isEmpty();
        assertThat(r.errors()).isEmpty();
        assertThatThrownBy(() -> s3.headObject(h -> h.bucket(BUCKET).key("q1"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void getObjectAttributes_returnsEtagChecksumSizeAndStorageClass() {
        PutObjectResponse put = s3.putObject(p -> p.bucket(BUCKET).key("attrs"), RequestBody.fromString("attributes"));
        GetObjectAttributesResponse a = s3.getObjectAttributes(g -> g.bucket(BUCKET).key("attrs").objectAttributes(
                ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_SIZE,
                ObjectAttributes.STORAGE_CLASS));
        assertThat("\"" + a.eTag() + "\"").isEqualTo(put.eTag());
        assertThat(a.objectSize()).isEqualTo(10);
        assertThat(a.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(a.checksum().checksumCRC32()).isEqualTo(put.checksumCRC32());
    }

    @Test
    void errors_areS3s() {
        assertCode(() -> s3.putObject(p -> p.bucket(BUCKET).key("k".repeat(1025)), RequestBody.fromString("x")),
                400, "KeyTooLongError");
        assertCode(() -> s3.putObject(p -> p.bucket("no-such-bucket-e2e").key("k"), RequestBody.fromString("x")),
                404, "NoSuchBucket");
        assertCode(() -> s3.putObject(p -> p.bucket(BUCKET).key("k").serverSideEncryption("AES128"),
                RequestBody.fromString("x")), 400, "InvalidArgument");
        // A verified Content-MD5 is the ETag (the server takes it instead of hashing the body twice).
        assertThat(s3.putObject(p -> p.bucket(BUCKET).key("md5-ok").contentMD5("CY9rzUYh03PK3k6DJie09g=="),
                RequestBody.fromString("test")).eTag()).isEqualTo("\"098f6bcd4621d373cade4e832627b4f6\"");
        assertCode(() -> s3.putObject(p -> p.bucket(BUCKET).key("md5").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                RequestBody.fromString("not empty")), 400, "BadDigest");
        assertCode(() -> s3.putObject(p -> p.bucket(BUCKET).key("md5").contentMD5("nope"),
                RequestBody.fromString("x")), 400, "InvalidDigest");
        assertCode(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("nothing").versionId("3HL4kqtJlcpXroDTDmJ")),
                400, "InvalidArgument");
        assertThatThrownBy(() -> s3.headObject(h -> h.bucket(BUCKET).key("md5"))).isInstanceOf(S3Exception.class);
    }

    private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(status));
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String text(byte[] b) {
        return new String(b, UTF_8);
    }
}
