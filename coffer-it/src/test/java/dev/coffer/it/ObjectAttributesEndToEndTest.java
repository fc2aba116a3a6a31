package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.it.RawRequests.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesParts;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesRequest;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** GetObjectAttributes' ObjectParts and its validation, through the real S3 client at its default settings. */
class ObjectAttributesEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final int MIB = 1024 * 1024;
    private static final String BUCKET = "attributes-e2e";
    private static final int[] PART_SIZES = {5 * MIB, 5 * MIB, 1234};
    private static S3Client s3;
    private static RawRequests raw;
    /** The CRC32 of each part of "crc32", as UploadPart answered it. */
    private static List<String> crc32s;

    @BeforeAll
    static void objects() {
        s3 = coffer.s3();
        raw = new RawRequests(coffer);
        s3.createBucket(b -> b.bucket(BUCKET));
        crc32s = upload("crc32", c -> c.checksumAlgorithm(ChecksumAlgorithm.CRC32),
                u -> u.checksumAlgorithm(ChecksumAlgorithm.CRC32));
        upload("plain", c -> { }, u -> { });
        s3.putObject(p -> p.bucket(BUCKET).key("single"), RequestBody.fromString("one part"));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    /** A three-part upload of {@link #PART_SIZES}; returns each part's CRC32 as UploadPart answered it. */
    private static List<String> upload(String key, Consumer<CreateMultipartUploadRequest.Builder> create,
            Consumer<UploadPartRequest.Builder> part) {
        String id = s3.createMultipartUpload(c -> create.accept(c.bucket(BUCKET).key(key))).uploadId();
        Random random = new Random(key.hashCode());
        List<CompletedPart> done = new ArrayList<>();
        List<String> checksums = new ArrayList<>();
        for (int i = 0; i < PART_SIZES.length; i++) {
            int n = i + 1;
            byte[] body = new byte[PART_SIZES[i]];
            random.nextBytes(body);
            UploadPartResponse r = s3.uploadPart(u -> part.accept(u.bucket(BUCKET).key(key).uploadId(id).partNumber(n)),
                    RequestBody.fromBytes(body));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
            checksums.add(r.checksumCRC32());
        }
        s3.completeMultipartUpload(c -> c.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
        return checksums;
    }

    private static GetObjectAttributesParts parts(String key, Consumer<GetObjectAttributesRequest.Builder> more) {
        return s3.getObjectAttributes(g -> more.accept(g.bucket(BUCKET).key(key)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS))).objectParts();
    }

    @Test
    void objectParts_ofACompositeChecksumUpload_listsEachPartWithItsSizeAndChecksum() {
        GetObjectAttributesParts p = parts("crc32", g -> { });

        assertThat(p.totalPartsCount()).isEqualTo(3);
        assertThat(p.isTruncated()).isFalse();
        assertThat(p.maxParts()).isEqualTo(1000);
        assertThat(p.partNumberMarker()).isEqualTo(0);
        assertThat(p.nextPartNumberMarker()).isEqualTo(3);
        assertThat(p.parts()).extracting(ObjectPart::partNumber).containsExactly(1, 2, 3);
        assertThat(p.parts()).extracting(ObjectPart::size).containsExactly(5L * MIB, 5L * MIB, 1234L);
        assertThat(p.parts()).extracting(ObjectPart::checksumCRC32).containsExactlyElementsOf(crc32s);
    }

    @Test
    void objectParts_pagesWithMaxPartsAndPartNumberMarker() {
        GetObjectAttributesParts first = parts("crc32", g -> g.maxParts(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.maxParts()).isEqualTo(2);
        assertThat(first.nextPartNumberMarker()).isEqualTo(2);
        assertThat(first.parts()).extracting(ObjectPart::partNumber).containsExactly(1, 2);

        GetObjectAttributesParts rest = parts("crc32", g -> g.maxParts(2)
                .partNumberMarker(first.nextPartNumberMarker()));
        assertThat(rest.isTruncated()).isFalse();
        assertThat(rest.partNumberMarker()).isEqualTo(2);
        assertThat(rest.totalPartsCount()).isEqualTo(3);
        assertThat(rest.parts()).extracting(ObjectPart::partNumber).containsExactly(3);
        assertThat(rest.parts().getFirst().checksumCRC32()).isEqualTo(crc32s.get(2));
    }

    /** As S3: without an additional checksum, a multipart object's parts are counted but not listed. */
    @Test
    void objectParts_ofAnUploadWithoutChecksum_countsThePartsOnly() {
        GetObjectAttributesParts p = parts("plain", g -> { });

        assertThat(p.totalPartsCount()).isEqualTo(3);
        assertThat(p.hasParts()).isFalse();
        assertThat(p.parts()).isEmpty();
        assertThat(p.maxParts()).isNull();
        assertThat(p.isTruncated()).isNull();
    }

    @Test
    void objectParts_ofASinglePartObject_isAbsent_whileTheOtherAttributesAreAnswered() {
        var a = s3.getObjectAttributes(g -> g.bucket(BUCKET).key("single")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.OBJECT_SIZE));

        assertThat(a.objectParts()).isNull();
        assertThat(a.objectSize()).isEqualTo(8);
    }

    @Test
    void elements_followTheModelsOrder_whateverTheOrderAsked() {
        Response r = raw.send(raw.sign(raw.request(SdkHttpMethod.GET, "/" + BUCKET + "/crc32")
                .putRawQueryParameter("attributes", "")
                .putHeader("x-amz-object-attributes", "ObjectSize,StorageClass,ObjectParts,Checksum,ETag")
                .putHeader("x-amz-max-parts", "1").build(), new byte[0]));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertInOrder(r.text(), "<ETag>", "<Checksum>", "<ObjectParts>", "<PartsCount>3</PartsCount>",
                "<PartNumberMarker>0</PartNumberMarker>", "<NextPartNumberMarker>1</NextPartNumberMarker>",
                "<MaxParts>1</MaxParts>", "<IsTruncated>true</IsTruncated>", "<Part><PartNumber>1</PartNumber>",
                "</ObjectParts>", "<StorageClass>", "<ObjectSize>");
    }

    private static void assertInOrder(String text, String... fragments) {
        int at = -1;
        for (String f : fragments) {
            int next = text.indexOf(f, at + 1);
            assertThat(next).as("%s after index %d in %s", f, at, text).isGreaterThan(at);
            at = next;
        }
    }

    @Test
    void anUnknownAttributeName_isInvalidArgument_namingIt() {
        assertError(() -> s3.getObjectAttributes(g -> g.bucket(BUCKET).key("single")
                .objectAttributesWithStrings("ETag", "Etags")), 400, "InvalidArgument",
                "Invalid attribute name specified.");

        Response r = raw.send(raw.sign(raw.request(SdkHttpMethod.GET, "/" + BUCKET + "/single")
                .putRawQueryParameter("attributes", "").putHeader("x-amz-object-attributes", "ETag,Etags").build(),
                new byte[0]));
        assertThat(r.element("ArgumentName")).contains("x-amz-object-attributes");
        assertThat(r.element("ArgumentValue")).contains("Etags");
    }

    @Test
    void noAttributeName_isInvalidRequest() {
        Response r = raw.send(raw.sign(raw.request(SdkHttpMethod.GET, "/" + BUCKET + "/single")
                .putRawQueryParameter("attributes", "").putHeader("x-amz-object-attributes", " , ").build(),
                new byte[0]));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("InvalidRequest");
        assertError(() -> s3.getObjectAttributes(g -> g.bucket(BUCKET).key("single").objectAttributes(List.of())),
                400, "InvalidRequest", "The x-amz-object-attributes header specifying the attributes to be "
                        + "retrieved is either missing or empty");
    }

    private static void assertError(ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
