package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** ListMultipartUploads with a delimiter and its pages, and DeleteBucket with uploads in progress, as on S3. */
class MultipartListingEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        s3 = coffer.s3();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static String start(String bucket, String key) {
        return s3.createMultipartUpload(c -> c.bucket(bucket).key(key)).uploadId();
    }

    @Test
    void delimiter_rollsKeysUpIntoCommonPrefixes_thatCountTowardMaxUploads_acrossPages() {
        String b = "uploads-delimited";
        s3.createBucket(c -> c.bucket(b));
        for (String key : List.of("a.bin", "docs/1.bin", "docs/2.bin", "docs/deep/3.bin", "img/x.png", "z.bin")) {
            start(b, key);
        }

        ListMultipartUploadsResponse all = s3.listMultipartUploads(l -> l.bucket(b).delimiter("/"));
        assertThat(all.uploads()).extracting(MultipartUpload::key).containsExactly("a.bin", "z.bin");
        assertThat(all.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/", "img/");
        assertThat(all.delimiter()).isEqualTo("/");
        assertThat(all.isTruncated()).isFalse();

        ListMultipartUploadsResponse under = s3.listMultipartUploads(l -> l.bucket(b).prefix("docs/").delimiter("/"));
        assertThat(under.uploads()).extracting(MultipartUpload::key).containsExactly("docs/1.bin", "docs/2.bin");
        assertThat(under.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/deep/");

        ListMultipartUploadsResponse first = s3.listMultipartUploads(l -> l.bucket(b).delimiter("/").maxUploads(2));
        assertThat(first.uploads()).extracting(MultipartUpload::key).containsExactly("a.bin");
        assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextKeyMarker()).isEqualTo("docs/");
        ListMultipartUploadsResponse second = s3.listMultipartUploads(l -> l.bucket(b).delimiter("/").maxUploads(2)
                .keyMarker(first.nextKeyMarker()).uploadIdMarker(first.nextUploadIdMarker()));
        assertThat(second.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("img/");
        assertThat(second.uploads()).extracting(MultipartUpload::key).containsExactly("z.bin");
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void uploadsOfOneKey_pageByUploadIdMarker_inInitiationOrder_withoutSkipsOrRepeats() throws Exception {
        String b = "uploads-same-key";
        s3.createBucket(c -> c.bucket(b));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            started.add(start(b, "same.bin"));
            Thread.sleep(2); // distinct initiation times, so the expected order is well defined
        }
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        for (int page = 0; page < 10; page++) {
            String km = keyMarker;
            String um = uploadIdMarker;
            ListMultipartUploadsResponse r = s3.listMultipartUploads(l -> l.bucket(b).maxUploads(3)
                    .keyMarker(km).uploadIdMarker(um));
            r.uploads().forEach(u -> seen.add(u.uploadId()));
            if (!r.isTruncated()) {
                break;
            }
            keyMarker = r.nextKeyMarker();
            uploadIdMarker = r.nextUploadIdMarker();
        }
        assertThat(seen).containsExactlyElementsOf(started);
    }

    @Test
    void deleteBucket_withOnlyUploadsInProgress_succeeds_andTheUploadsGoWithIt() {
        String b = "uploads-then-delete";
        s3.createBucket(c -> c.bucket(b));
        String uploadId = start(b, "unfinished.bin");
        s3.uploadPart(p -> p.bucket(b).key("unfinished.bin").uploadId(uploadId).partNumber(1),
                software.amazon.awssdk.core.sync.RequestBody.fromString("part one"));

        s3.deleteBucket(d -> d.bucket(b));

        s3.createBucket(c -> c.bucket(b));
        assertThat(s3.listMultipartUploads(l -> l.bucket(b)).uploads()).isEmpty();
        assertThatThrownBy(() -> s3.listParts(l -> l.bucket(b).key("unfinished.bin").uploadId(uploadId)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("NoSuchUpload"));
    }
}
