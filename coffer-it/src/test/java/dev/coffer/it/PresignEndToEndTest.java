package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.it.RawRequests.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigned URLs (SigV4 in the query string), made by the SDK's {@link S3Presigner} and {@link AwsV4HttpSigner}
 * and sent by a plain HTTP client, as a browser or curl would. The node's clock can be moved, to test expiry
 * to the second.
 */
class PresignEndToEndTest {
    private static final ShiftedClock SERVER_CLOCK = new ShiftedClock();

    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension(SERVER_CLOCK);

    private static RawRequests raw;
    private static S3Client s3;
    private static HttpClient http;

    @BeforeAll
    static void clients() {
        raw = new RawRequests(coffer);
        s3 = coffer.s3();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        s3.createBucket(b -> b.bucket("presigned-bucket"));
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        http.close();
    }

    @AfterEach
    void resetServerClock() {
        SERVER_CLOCK.reset();
    }

    // --- S3Presigner: objects ---

    @Test
    void putThenGetObject_presignedByS3Presigner_storeAndReturnTheBody() throws Exception {
        PresignedPutObjectRequest put;
        PresignedGetObjectRequest get;
        try (S3Presigner presigner = presigner()) {
            put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket("presigned-bucket").key("some/upload.txt")));
            get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("presigned-bucket").key("some/upload.txt")));
        }
        assertThat(get.url().getPath()).isEqualTo("/presigned-bucket/some/upload.txt");

        Response stored = send("PUT", put.url().toURI(), put.signedHeaders(), "hello, coffer");
        Response fetched = send("GET", get.url().toURI(), get.signedHeaders(), null);

        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.header("x-amz-server-side-encryption")).hasValue("AES256");
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.text()).isEqualTo("hello, coffer");
        assertThat(fetched.header("ETag")).isEqualTo(stored.header("ETag"));
    }

    @Test
    void getObject_presignedForMissingKey_getsPastAuthenticationToNoSuchKey() throws Exception {
        PresignedGetObjectRequest presigned;
        try (S3Presigner presigner = presigner()) {
            presigned = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("presigned-bucket").key("no/such/key.txt")));
        }

        Response response = send("GET", presigned.url().toURI(), presigned.signedHeaders(), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NoSuchKey");
        assertThat(response.element("Key")).hasValue("no/such/key.txt");
    }

    @Test
    void getObject_presignedUrlUsedForPut_failsWithSignatureDoesNotMatch() throws Exception {
        PresignedGetObjectRequest presigned;
        try (S3Presigner presigner = presigner()) {
            presigned = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("presigned-bucket").key("some/key.txt")));
        }

        Response response = send("PUT", presigned.url().toURI(), Map.of(), "not what was signed");

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertServerStillServes();
    }

    // --- AwsV4HttpSigner presigning: bucket operations that exist ---

    @Test
    void listBuckets_presigned_returnsTheBuckets() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(), r -> { });

        Response response = get(url);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text())
                .contains("<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .contains("<Name>presigned-bucket</Name>");
    }

    @Test
    void getBucketLocation_presigned_returnsEmptyLocationForUsEast1() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/presigned-bucket").putRawQueryParameter("location", "")
                .build(), r -> { });

        Response response = get(url);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).containsPattern(
                "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"(/>|></LocationConstraint>)");
    }

    @Test
    void listBuckets_presignedForExactlySevenDays_succeeds() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(),
                r -> r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofDays(7)));
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=604800");

        assertThat(get(url).status()).isEqualTo(200);
    }

    // --- Expiry, validity and tampering ---

    @Test
    void listBuckets_presignedUrlPastItsExpiry_failsWithAccessDenied() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(), r -> r
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)))
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));

        Response response = get(url);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessDenied");
        assertThat(response.element("Message")).hasValue("Request has expired");
        assertThat(response.element("X-Amz-Expires")).hasValue("60");
        assertServerStillServes();
    }

    /** Valid through the last second of X-Amz-Expires, refused after it; the node's clock is moved, not waited for. */
    @Test
    void listBuckets_presignedForSixtySeconds_isValidAt59SecondsAndExpiredAt61() throws Exception {
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(), r -> r
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));

        SERVER_CLOCK.setNow(signedAt.plusSeconds(59));
        Response early = get(url);
        SERVER_CLOCK.setNow(signedAt.plusSeconds(61));
        Response late = get(url);

        assertThat(early.status()).as(early.toString()).isEqualTo(200);
        assertThat(late.status()).as(late.toString()).isEqualTo(403);
        assertThat(late.element("Message")).hasValue("Request has expired");
    }

    @Test
    void listBuckets_presignedTwentyMinutesInTheFuture_failsWithAccessDeniedNotValidYet() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(), r -> r
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20))));

        Response response = get(url);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessDenied");
        assertThat(response.element("Message")).hasValue("Request is not valid yet");
        assertServerStillServes();
    }

    /** The SDK refuses to presign for more than seven days, so the URL is edited; the limit is checked first. */
    @Test
    void listBuckets_presignedWithExpiresBeyondSevenDays_failsWithAuthorizationQueryParametersError()
            throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(),
                r -> r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofDays(7)));

        Response response = get(replaceInQuery(url, "X-Amz-Expires=604800", "X-Amz-Expires=604801"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("AuthorizationQueryParametersError");
        assertThat(response.element("Message"))
                .hasValue("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        assertServerStillServes();
    }

    @Test
    void listBuckets_presignedWithAlteredSignature_failsWithSignatureDoesNotMatch() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(), r -> { });
        String query = url.getRawQuery();
        int at = query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String altered = query.substring(0, at) + (query.charAt(at) == '0' ? '1' : '0') + query.substring(at + 1);

        Response response = get(URI.create(url.toString().replace(query, altered)));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertServerStillServes();
    }

    @Test
    void listBuckets_presignedWithAlteredExpires_failsWithSignatureDoesNotMatch() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(),
                r -> r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(300)));

        Response response = get(replaceInQuery(url, "X-Amz-Expires=300", "X-Amz-Expires=3000"));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void listBuckets_presignedForOtherRegion_failsWithAuthorizationQueryParametersError() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(),
                r -> r.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"));

        Response response = get(url);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo("AuthorizationQueryParametersError");
        assertThat(response.element("Message")).hasValue(
                "Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
        assertThat(response.element("Region")).hasValue("us-east-1");
        assertServerStillServes();
    }

    @Test
    void listBuckets_presignedAndWithAuthorizationHeader_failsWithInvalidArgument() throws Exception {
        URI url = presign(raw.request(SdkHttpMethod.GET, "/").build(), r -> { });
        String header = raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0]).header("Authorization");

        Response response = send("GET", url, Map.of("Authorization", List.of(header)), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("InvalidArgument");
        assertServerStillServes();
    }

    // --- Helpers ---

    private static S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(coffer.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** A presigned URL for {@code request}, five minutes by default. */
    private static URI presign(SdkHttpRequest request,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties) {
        RawRequests.Request signed = raw.sign(request, new byte[0], r -> {
            r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
            properties.accept(r);
        });
        assertThat(signed.http().headers().keySet()).as("a presigned URL needs no headers").containsOnly("Host");
        return signed.http().getUri();
    }

    private static URI replaceInQuery(URI url, String from, String to) {
        assertThat(url.getRawQuery()).contains(from);
        return URI.create(url.toString().replace(from, to));
    }

    private static Response get(URI url) throws IOException, InterruptedException {
        return send("GET", url, Map.of(), null);
    }

    /** Sends {@code url} with {@code java.net.http}, adding the signed headers it can (it sets Host itself). */
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

    private static void assertServerStillServes() {
        assertThat(s3.listBuckets().sdkHttpResponse().isSuccessful()).isTrue();
    }

    /** The system clock, or a chosen instant that then advances with it. */
    private static final class ShiftedClock implements InstantSource {
        private volatile Duration shift = Duration.ZERO;

        void reset() {
            shift = Duration.ZERO;
        }

        void setNow(Instant now) {
            shift = Duration.between(Instant.now(), now);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }
}
