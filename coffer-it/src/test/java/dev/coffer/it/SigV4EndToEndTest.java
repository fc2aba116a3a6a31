package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.it.RawRequests.Connection;
import dev.coffer.it.RawRequests.Request;
import dev.coffer.it.RawRequests.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * SigV4 in the Authorization header, for S3, KMS and STS: the clock, the credential scope, malformed and
 * foreign schemes, anonymous requests and the declared payload hash. Each refusal is followed by a request
 * that must still succeed.
 */
class SigV4EndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(UTF_8);

    private static RawRequests raw;
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        raw = new RawRequests(coffer);
        s3 = coffer.s3();
    }

    @AfterAll
    static void closeClients() {
        s3.close();
    }

    // --- Clock skew ---

    @ParameterizedTest
    @ValueSource(ints = {-20, 20})
    void listBuckets_signedTwentyMinutesAwayFromServerTime_failsWithRequestTimeTooSkewed(int minutes) {
        Request get = raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0],
                r -> r.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clockOffsetBy(Duration.ofMinutes(minutes))));

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("RequestTimeTooSkewed");
        assertThat(response.element("MaxAllowedSkewMilliseconds")).hasValue("900000");
        assertThat(response.element("RequestTime")).hasValue(get.header("X-Amz-Date"));
        assertServerStillServes();
    }

    @Test
    void listBuckets_signedFourteenMinutesAgo_succeeds() {
        Request get = raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0],
                r -> r.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clockOffsetBy(Duration.ofMinutes(-14))));

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).contains("<ListAllMyBucketsResult");
    }

    @Test
    void kmsRequest_signedTwentyMinutesAgo_failsWithInvalidSignatureException() {
        Request post = raw.sign(kmsListKeys(), "{}".getBytes(UTF_8), r -> r
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clockOffsetBy(Duration.ofMinutes(-20))));

        Response response = raw.send(post);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(response.text()).contains("Signature expired");
        // The same request signed now gets past authentication.
        Response fresh = raw.send(raw.sign(kmsListKeys(), "{}".getBytes(UTF_8),
                r -> r.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")));
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
    }

    @Test
    void stsRequest_signedTwentyMinutesAgo_failsWithSignatureDoesNotMatch() {
        Request post = raw.sign(stsGetCallerIdentity(), STS_BODY, r -> r
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clockOffsetBy(Duration.ofMinutes(-20))));

        Response response = raw.send(post);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(response.text()).contains("Signature expired");
        Response fresh = raw.send(raw.sign(stsGetCallerIdentity(), STS_BODY,
                r -> r.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")));
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(fresh.element("Account")).hasValue(coffer.accountId());
    }

    // --- Credential scope and malformed headers ---

    @Test
    void listBuckets_withScopeOfOtherRegion_failsWithAuthorizationHeaderMalformed() {
        Request get = raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0],
                r -> r.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"));
        assertThat(get.header("Authorization")).contains("/eu-west-1/s3/aws4_request");

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("AuthorizationHeaderMalformed");
        assertThat(response.element("Message"))
                .hasValue("The authorization header is malformed; the region 'eu-west-1' is wrong; "
                        + "expecting 'us-east-1'");
        assertThat(response.element("Region")).hasValue("us-east-1");
        assertServerStillServes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorizations")
    void listBuckets_withMalformedAuthorization_failsWith400(String authorization, String code) {
        String now = AMZ_DATE.format(Instant.now());
        String withDate = authorization.replace("DATE", now.substring(0, 8)).replace("AKID", coffer.accessKeyId());
        Request get = new Request(raw.request(SdkHttpMethod.GET, "/")
                .putHeader("X-Amz-Date", now)
                .putHeader("x-amz-content-sha256", RawRequests.EMPTY_SHA256)
                .putHeader("Authorization", withDate)
                .build(), new byte[0]);

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertServerStillServes();
    }

    static Stream<Arguments> malformedAuthorizations() {
        String sig = "Signature=" + "0".repeat(64);
        return Stream.of(
                Arguments.of("AWS4-HMAC-SHA256 Credential=garbage", "AuthorizationHeaderMalformed"),
                Arguments.of("AWS4-HMAC-SHA256 Credential=garbage, SignedHeaders=host, " + sig,
                        "AuthorizationHeaderMalformed"),
                Arguments.of("AWS4-HMAC-SHA256 Credential=AKID/DATE/us-east-1/s3/aws4_request, " + sig,
                        "AuthorizationHeaderMalformed"),
                Arguments.of("AWS4-HMAC-SHA256 Credential=AKID/DATE/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;x-amz-date", "AuthorizationHeaderMalformed"),
                Arguments.of("AWS4-HMAC-SHA256 Credential=AKID/DATE/us-east-1/s3/aws5_request, "
                        + "SignedHeaders=host;x-amz-date, " + sig, "AuthorizationHeaderMalformed"),
                Arguments.of("AWS4-HMAC-SHA256 Credential=AKID/19991231/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, " + sig, "AuthorizationHeaderMalformed"),
                Arguments.of("Bearer abc", "InvalidArgument"),
                Arguments.of("AWS AKID:c2lnbmF0dXJlc2lnbmF0dXJl", "InvalidRequest"));
    }

    @Test
    void createBucket_withUnsignedAmzHeaderAddedAfterSigning_failsWithAccessDenied() {
        byte[] body = RawRequests.CREATE_BUCKET_CONFIGURATION.getBytes(UTF_8);
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/unsigned-amz-header").build(), body)
                .withHeader("x-amz-acl", "public-read");

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessDenied");
        assertThat(response.element("Message"))
                .hasValue("There were headers present in the request which were not signed");
        assertThat(response.element("HeadersNotSigned")).hasValue("x-amz-acl");
        assertBucketAbsent("unsigned-amz-header");
    }

    // --- Anonymous requests ---

    @Test
    void listBuckets_anonymous_failsWithAccessDenied() {
        Response response = raw.send(new Request(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0]));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessDenied");
        assertServerStillServes();
    }

    @Test
    void kmsRequest_anonymous_failsWithMissingAuthenticationTokenException() {
        Response response = raw.send(new Request(kmsListKeys(), "{}".getBytes(UTF_8)));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(response.header("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertServerStillServes();
    }

    @Test
    void stsRequest_anonymous_failsWithMissingAuthenticationToken() {
        Response response = raw.send(new Request(stsGetCallerIdentity(), STS_BODY));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("MissingAuthenticationToken");
        assertServerStillServes();
    }

    // --- The declared payload hash ---

    @Test
    void createBucket_withBodyNotMatchingSignedContentSha256_failsWithXAmzContentSHA256Mismatch() {
        byte[] signedBody = (RawRequests.CREATE_BUCKET_CONFIGURATION + "\n").getBytes(UTF_8);
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/sha256-mismatch").build(), signedBody);
        assertThat(put.header("x-amz-content-sha256")).isEqualTo(AwsChunkedEncoder.sha256Hex(signedBody));
        // Valid XML too, and of the same length, so the signed Content-Length still holds.
        byte[] sentBody = (RawRequests.CREATE_BUCKET_CONFIGURATION + " ").getBytes(UTF_8);

        Response response = raw.send(put.withBody(sentBody));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(response.element("ClientComputedContentSHA256")).hasValue(AwsChunkedEncoder.sha256Hex(signedBody));
        assertThat(response.element("S3ComputedContentSHA256")).hasValue(AwsChunkedEncoder.sha256Hex(sentBody));
        assertBucketAbsent("sha256-mismatch");
        assertServerStillServes();
    }

    @Test
    void createBucket_withPlainBodyCutShortAndConnectionHalfClosed_failsWithIncompleteBody() {
        byte[] body = RawRequests.CREATE_BUCKET_CONFIGURATION.getBytes(UTF_8);
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/plain-cut-short").build(), body);
        assertThat(put.head()).asString(UTF_8).contains("Content-Length: " + body.length);

        Response response;
        try (Connection c = raw.connect()) {
            c.write(put.head());
            c.write(Arrays.copyOf(body, body.length - 10));
            c.shutdownOutput();
            response = c.read();
        }

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("IncompleteBody");
        assertBucketAbsent("plain-cut-short");
        assertServerStillServes();
    }

    @Test
    void createBucket_withSignedSha256Payload_succeeds() {
        byte[] body = RawRequests.CREATE_BUCKET_CONFIGURATION.getBytes(UTF_8);
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/sha256-payload").build(), body);

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(s3.headBucket(b -> b.bucket("sha256-payload")).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    // --- Helpers ---

    private static SdkHttpRequest kmsListKeys() {
        return raw.request(SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TrentService.ListKeys")
                .build();
    }

    private static SdkHttpRequest stsGetCallerIdentity() {
        return raw.request(SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
    }

    private static Clock clockOffsetBy(Duration offset) {
        return Clock.offset(Clock.systemUTC(), offset);
    }

    private static void assertBucketAbsent(String bucket) {
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    private static void assertServerStillServes() {
        assertThat(s3.listBuckets().sdkHttpResponse().isSuccessful()).isTrue();
    }
}
