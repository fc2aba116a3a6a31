package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.regions.Region;

/** A body altered on disk fails authentication mid-stream: the server cuts the connection, never sends the bytes. */
class TamperedBodyEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void get_ofBodyWithAFlippedBitInItsThirdSegment_isCutOff_afterTheAuthenticSegments() throws Exception {
        byte[] body = ObjectsEndToEndTest.random(300_000);
        try (S3Client s3 = coffer.s3()) {
            s3.createBucket(b -> b.bucket("tamper"));
            s3.putObject(p -> p.bucket("tamper").key("k"), RequestBody.fromBytes(body));
        }
        List<Path> blobs;
        try (Stream<Path> files = Files.walk(coffer.node().dataDir().resolve("blobs/blobs"))) {
            blobs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(blobs).hasSize(1);
        try (RandomAccessFile f = new RandomAccessFile(blobs.getFirst().toFile(), "rw")) {
            f.seek(2 * 65536 + 100);
            int b = f.read();
            f.seek(2 * 65536 + 100);
            f.write(b ^ 1);
        }
        PresignedGetObjectRequest get;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(coffer.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("tamper").key("k")));
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(get.url().toURI()).timeout(Duration.ofSeconds(20)).build();
            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .isInstanceOf(IOException.class);
            // A range inside the authentic segments is still served.
            HttpRequest first = HttpRequest.newBuilder(get.url().toURI()).header("Range", "bytes=0-999")
                    .timeout(Duration.ofSeconds(20)).build();
            HttpResponse<byte[]> ok = http.send(first, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ok.statusCode()).isEqualTo(206);
            assertThat(ok.body()).isEqualTo(java.util.Arrays.copyOf(body, 1000));
        }
    }
}
