package dev.coffer.s3.object;

import static dev.coffer.s3.object.ObjectsFixture.ALICE;
import static dev.coffer.s3.object.ObjectsFixture.BUCKET;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectWritesTest {
    @TempDir
    Path dir;
    private ObjectsFixture f;

    @BeforeEach
    void open() throws IOException {
        f = new ObjectsFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void put_thenGet_returnsTheBody_andTheEtagIsTheMd5ForSseS3() throws Exception {
        byte[] body = random(200_000);
        PutObjectResult r = f.put("a/b.txt", body);
        assertThat(f.get("a/b.txt", Optional.empty())).isEqualTo(body);
        String md5 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(body));
        assertThat(r.etag()).isEqualTo("\"" + md5 + "\"");
        assertThat(r.encryption().serverSideEncryption()).hasValue("AES256");
    }

    @Test
    void put_ofEmptyObject_roundTrips() throws Exception {
        f.put("empty", new byte[0]);
        assertThat(f.get("empty", Optional.empty())).isEmpty();
    }

    @Test
    void get_ofRanges_returnsTheSlices() throws Exception {
        byte[] body = random(300_000);
        f.put("r", body);
        assertThat(f.get("r", Optional.of("bytes=65500-65600"))).isEqualTo(slice(body, 65500, 65600));
        assertThat(f.get("r", Optional.of("bytes=-10"))).isEqualTo(slice(body, body.length - 10, body.length - 1));
        assertThat(f.get("r", Optional.of("bytes=299990-"))).isEqualTo(slice(body, 299990, body.length - 1));
        assertThat(f.get("r", Optional.of("bytes=0-999999"))).isEqualTo(body);
        assertThatThrownBy(() -> f.get("r", Optional.of("bytes=300000-"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_RANGE));
    }

    @Test
    void overwrite_replacesTheObject_andDeletesTheOldBlob() throws Exception {
        f.put("k", "one".getBytes(UTF_8));
        f.put("k", "two".getBytes(UTF_8));
        assertThat(f.get("k", Optional.empty())).isEqualTo("two".getBytes(UTF_8));
        assertThat(f.blobCount()).isEqualTo(1);
    }

    @Test
    void upload_thatFailsAtItsEnd_leavesNoObjectNoBlobAndNoTempFile() throws Exception {
        f.put("k", "old".getBytes(UTF_8));
        InputStream failingAtEnd = new SequenceInputStream(new ByteArrayInputStream(random(100_000)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("checksum mismatch at the end");
                    }
                });
        assertThatThrownBy(() -> f.s3.objectWrites().put(ALICE, new PutObjectRequest(BUCKET, "k", ObjectHeaders.none(),
                Optional.empty(), dev.coffer.s3.sse.SseRequest.none(), Optional.empty(), Preconditions.none(), true,
                ObjectsFixture.upload(failingAtEnd, 100_001)))).hasRootCauseMessage("checksum mismatch at the end");
        assertThat(f.get("k", Optional.empty())).isEqualTo("old".getBytes(UTF_8));
        assertThat(f.blobCount()).isEqualTo(1);
        try (Stream<Path> tmp = Files.list(dir.resolve("blobs/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void conditionalPut_ifNoneMatchStar_failsWhenTheKeyExists() {
        Preconditions ifNoneMatch = new Preconditions(Optional.empty(), Optional.of("*"), Optional.empty(), Optional.empty());
        f.put("c", "1".getBytes(UTF_8), ObjectHeaders.none(), Optional.empty(), ifNoneMatch);
        assertThatThrownBy(() -> f.put("c", "2".getBytes(UTF_8), ObjectHeaders.none(), Optional.empty(), ifNoneMatch))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void conditionalPut_ifMatch_needsTheCurrentEtag() {
        PutObjectResult first = f.put("c", "1".getBytes(UTF_8));
        Preconditions wrong = new Preconditions(Optional.of("\"abc\""), Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> f.put("c", "2".getBytes(UTF_8), ObjectHeaders.none(), Optional.empty(), wrong))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.PRECONDITION_FAILED));
        Preconditions right = new Preconditions(Optional.of(first.etag()), Optional.empty(), Optional.empty(),
                Optional.empty());
        f.put("c", "2".getBytes(UTF_8), ObjectHeaders.none(), Optional.empty(), right);
    }

    @Test
    void keyOver1024Bytes_isKeyTooLong() {
        assertThatThrownBy(() -> f.put("k".repeat(1025), new byte[1])).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.KEY_TOO_LONG));
    }

    @Test
    void deleteMany_deletesTheKeys_andIgnoresMissingOnes() throws Exception {
        f.put("x", new byte[1]);
        f.put("y", new byte[1]);
        List<ObjectWrites.DeleteResult> results = f.s3.objectWrites().deleteMany(ALICE, BUCKET, List.of("x", "nope"));
        assertThat(results).extracting(ObjectWrites.DeleteResult::key).containsExactly("x", "nope");
        assertThat(results).allMatch(r -> r.error().isEmpty());
        assertThat(f.blobCount()).isEqualTo(1);
        f.s3.objectWrites().delete(ALICE, BUCKET, "y");
        f.s3.objectWrites().delete(ALICE, BUCKET, "y");
        assertThat(f.blobCount()).isZero();
        f.s3.buckets().delete(ALICE, BUCKET);
    }

    @Test
    void orphanSweep_removesBlobsNoRowReferences_andKeepsTheOthers() throws Exception {
        f.put("kept", new byte[10]);
        try (var pending = f.blobs.create()) {
            pending.outputStream().write(new byte[10]);
            pending.commit();
        }
        assertThat(f.blobCount()).isEqualTo(2);
        assertThat(f.s3.sweepOrphanBlobs()).isEqualTo(1);
        assertThat(f.get("kept", Optional.empty())).hasSize(10);
    }

    @Test
    void metadata_isReturned_butNeverStoredInPlaintext() throws Exception {
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        meta.put("marker", "PLAINTEXT-MARKER-IN-METADATA");
        ObjectHeaders headers = new ObjectHeaders(Optional.of("text/x-marker"), Optional.empty(),
                Optional.of("attachment; filename=PLAINTEXT-MARKER.txt"), Optional.empty(), Optional.empty(),
                Optional.empty(), meta);
        f.put("m", "PLAINTEXT-MARKER-IN-BODY".getBytes(UTF_8), headers, Optional.empty(), Preconditions.none());
        try (ObjectContent c = f.s3.objectReads().head(ALICE, new GetObjectRequest(BUCKET, "m", Optional.empty(),
                Preconditions.none(), Optional.empty(), true))) {
            assertThat(c.headers().userMetadata()).containsEntry("marker", "PLAINTEXT-MARKER-IN-METADATA");
            assertThat(c.headers().contentType()).hasValue("text/x-marker");
        }
        f.close();
        DataDirScan.assertNoFileContains(dir, "PLAINTEXT-MARKER".getBytes(UTF_8));
        f = new ObjectsFixture(dir.resolve("again"));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] b, int first, int last) {
        return java.util.Arrays.copyOfRange(b, first, last + 1);
    }
}
