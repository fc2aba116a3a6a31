package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.it.RawRequests.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link S3Presigner} URLs for objects encrypted with SSE-S3 and SSE-KMS: the presigned PUT signs the encryption
 * headers, the client sends them, and a presigned GET needs none.
 */
class PresignSseEndToEndTest {
    private static final String BUCKET = "presigned-sse";

    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static S3Client s3;
    private static KmsClient kms;
    private static S3Presigner presigner;
    private static HttpClient http;

    @BeforeAll
    static void clients() {
        s3 = coffer.s3();
        kms = coffer.kms();
        presigner = S3Presigner.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(coffer.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        presigner.close();
        s3.close();
        kms.close();
        http.close();
    }

    @Test
    void sseS3_presignedPutSignsTheHeader_andPresignedGetReturnsTheBody() throws Exception {
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(BUCKET).key("s3.txt").serverSideEncryption(ServerSideEncryption.AES256)));
        assertThat(put.signedHeaders()).containsKey("x-amz-server-side-encryption");

        Response stored = send("PUT", put.url().toURI(), put.signedHeaders(), "sealed by S3");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.header("x-amz-server-side-encryption")).hasValue("AES256");

        Response fetched = send("GET", presignedGet("s3.txt").url().toURI(), Map.of(), null);
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.text()).isEqualTo("sealed by S3");
        assertThat(fetched.header("x-amz-server-side-encryption")).hasValue("AES256");
        assertThat(s3.headObject(h -> h.bucket(BUCKET).key("s3.txt")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void sseKms_presignedPutSignsKeyAndMode_andPresignedGetDecryptsWithTheKey() throws Exception {
        String keyArn = kms.createKey(k -> { }).keyMetadata().arn();
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(BUCKET).key("kms.txt").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId(keyArn)));
        assertThat(put.signedHeaders()).containsKeys("x-amz-server-side-encryption",
                "x-amz-server-side-encryption-aws-kms-key-id");

        Response stored = send("PUT", put.url().toURI(), put.signedHeaders(), "sealed by KMS");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.header("x-amz-server-side-encryption")).hasValue("aws:kms");
        assertThat(stored.header("x-amz-server-side-encryption-aws-kms-key-id")).hasValue(keyArn);

        Response fetched = send("GET", presignedGet("kms.txt").url().toURI(), Map.of(), null);
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.text()).isEqualTo("sealed by KMS");
        assertThat(fetched.header("x-amz-server-side-encryption-aws-kms-key-id")).hasValue(keyArn);
        HeadObjectResponse head = s3.headObject(h -> h.bucket(BUCKET).key("kms.txt"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
    }

    @Test
    void presignedSseKmsPut_withoutTheSignedHeaders_isRefused_andStoresNothing() throws Exception {
        String keyArn = kms.createKey(k -> { }).keyMetadata().arn();
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(BUCKET).key("unsent.txt").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId(keyArn)));

        Response refused = send("PUT", put.url().toURI(), Map.of(), "headers left out");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("unsent")).contents()).isEmpty();
    }

    private static PresignedGetObjectRequest presignedGet(String key) {
        return presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(BUCKET).key(key)));
    }

    /** Sends {@code url} with {@code java.net.http}, adding the signed headers (it sets Host itself). */
    private static Response send(String method, URI url, Map<String, List<String>> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        responseHeaders.putAll(response.headers().map());
        return new Response(response.statusCode(), responseHeaders, response.body());
    }
}
