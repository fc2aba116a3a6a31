package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.it.RawRequests.Connection;
import dev.coffer.it.RawRequests.Request;
import dev.coffer.it.RawRequests.Response;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * HTTP/1.1 as the server speaks it to any client: the health check, request ids on every answer,
 * {@code Expect: 100-continue}, the header size limit, and several requests on one connection.
 */
class HttpEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    private static RawRequests raw;
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        raw = new RawRequests(coffer);
        s3 = coffer.s3();
        s3.createBucket(b -> b.bucket("http-bucket"));
    }

    @AfterAll
    static void closeClients() {
        s3.close();
    }

    @Test
    void health_withoutAuthentication_answers200() {
        Response response = raw.send(new Request(raw.request(SdkHttpMethod.GET, "/-/health").build(), new byte[0]));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"status\":\"ok\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allKindsOfAnswer")
    void everyAnswer_carriesRequestIdAndHostId(String name, int status, Function<RawRequests, Request> request) {
        Request r = request.apply(raw);
        Response response;
        try (Connection c = raw.connect()) {
            c.write(r.wire());
            response = r.http().method() == SdkHttpMethod.HEAD ? c.readHeadResponse() : c.read();
        }

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("x-amz-request-id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9A-F]{16}"));
        assertThat(response.header("x-amz-id-2")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        if (response.text().startsWith("<?xml") && response.text().contains("<Error>")) {
            assertThat(response.element("RequestId")).isEqualTo(response.header("x-amz-request-id"));
        }
    }

    static Stream<Arguments> allKindsOfAnswer() {
        byte[] none = new byte[0];
        return Stream.of(
                answer("health", 200, r -> new Request(r.request(SdkHttpMethod.GET, "/-/health").build(), none)),
                answer("health, HEAD", 200, r -> new Request(r.request(SdkHttpMethod.HEAD, "/-/health").build(), none)),
                answer("anonymous S3", 403, r -> new Request(r.request(SdkHttpMethod.GET, "/").build(), none)),
                answer("ListBuckets", 200, r -> r.sign(r.request(SdkHttpMethod.GET, "/").build(), none)),
                answer("HeadBucket of no bucket", 404,
                        r -> r.sign(r.request(SdkHttpMethod.HEAD, "/no-such-bucket").build(), none)),
                answer("missing object", 404,
                        r -> r.sign(r.request(SdkHttpMethod.GET, "/http-bucket/key").build(), none)),
                answer("KMS", 200, r -> r.sign(r.request(SdkHttpMethod.POST, "/")
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("X-Amz-Target", "TrentService.ListKeys").build(),
                        "{}".getBytes(UTF_8), p -> p.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms"))),
                answer("STS", 200, r -> r.sign(r.request(SdkHttpMethod.POST, "/")
                                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
                        "Action=GetCallerIdentity&Version=2011-06-15".getBytes(UTF_8),
                        p -> p.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts"))));
    }

    private static Arguments answer(String name, int status, Function<RawRequests, Request> request) {
        return Arguments.of(name, status, request);
    }

    @Test
    void createBucket_withExpect100Continue_getsContinueThenSucceeds() {
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/expect-continue").build(),
                RawRequests.CREATE_BUCKET_CONFIGURATION.getBytes(UTF_8)).withHeader("Expect", "100-continue");

        Response interim;
        Response answer;
        try (Connection c = raw.connect()) {
            c.write(put.head());
            interim = c.read();
            c.write(put.body());
            answer = c.read();
        }

        assertThat(interim.status()).isEqualTo(100);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(s3.headBucket(b -> b.bucket("expect-continue")).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    /** A request refused on its headers is answered at once: the client is not asked for a body nobody will read. */
    @Test
    void createBucket_withExpect100ContinueAndBadSignature_isRefusedWithoutContinue() {
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/expect-refused").build(),
                RawRequests.CREATE_BUCKET_CONFIGURATION.getBytes(UTF_8)).withHeader("Expect", "100-continue");
        String authorization = put.header("Authorization");
        put = put.withHeader("Authorization", authorization.substring(0, authorization.length() - 1)
                + (authorization.endsWith("0") ? "1" : "0"));

        Response answer;
        try (Connection c = raw.connect()) {
            c.write(put.head());
            answer = c.read();
        }

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertServerStillServes();
    }

    @Test
    void request_withHeadersOver16KiB_isRefused_andServerKeepsServing() {
        Request get = new Request(raw.request(SdkHttpMethod.GET, "/")
                .putHeader("X-Padding", "p".repeat(17 * 1024)).build(), new byte[0]);

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isIn(400, 431);
        assertServerStillServes();
    }

    @Test
    void request_withHeadersJustUnder16KiB_isServed() {
        Request get = raw.sign(raw.request(SdkHttpMethod.GET, "/")
                .putHeader("X-Padding", "p".repeat(15 * 1024)).build(), new byte[0]);
        assertThat(get.head().length).isBetween(15 * 1024, 16 * 1024 - 1);

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** Like every other answer, this one must name the request, so that a client can quote it. */
    @Test
    void request_withHeadersOver16KiB_isAnsweredWithRequestIdAndHostId() {
        Request get = new Request(raw.request(SdkHttpMethod.GET, "/")
                .putHeader("X-Padding", "p".repeat(17 * 1024)).build(), new byte[0]);

        Response response = raw.send(get);

        assertThat(response.status()).as(response.toString()).isIn(400, 431);
        assertThat(response.header("x-amz-request-id")).as(response.toString())
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9A-F]{16}"));
        assertThat(response.header("x-amz-id-2")).as(response.toString()).isPresent();
    }

    @Test
    void twoRequests_onOneConnection_areBothAnswered() {
        Response first;
        Response second;
        try (Connection c = raw.connect()) {
            c.write(raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0]).wire());
            first = c.read();
            c.write(raw.sign(raw.request(SdkHttpMethod.GET, "/http-bucket").putRawQueryParameter("location", "")
                    .build(), new byte[0]).wire());
            second = c.read();
        }

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text()).contains("<Name>http-bucket</Name>");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.text()).contains("<LocationConstraint");
        assertThat(first.header("x-amz-request-id")).isNotEqualTo(second.header("x-amz-request-id"));
    }

    @Test
    void twoPipelinedRequests_areAnsweredInOrder() {
        byte[] list = raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0]).wire();
        byte[] health = new Request(raw.request(SdkHttpMethod.GET, "/-/health").build(), new byte[0]).wire();
        byte[] both = new byte[list.length + health.length];
        System.arraycopy(list, 0, both, 0, list.length);
        System.arraycopy(health, 0, both, list.length, health.length);

        Response first;
        Response second;
        try (Connection c = raw.connect()) {
            c.write(both);
            first = c.read();
            second = c.read();
        }

        assertThat(first.text()).contains("<ListAllMyBucketsResult");
        assertThat(second.text()).isEqualTo("{\"status\":\"ok\"}");
    }

    /**
     * A request refused before its body was read must not leave that body to be parsed as the next request: the
     * server either skips it or closes the connection.
     */
    @Test
    void requestAfterRefusedRequestWithUnreadBody_onOneConnection_isAnsweredOrConnectionClosed() {
        byte[] body = RawRequests.paddedConfiguration(20_000);
        // The body holds what looks like a request: were it parsed as one, it would be answered.
        byte[] smuggled = new Request(raw.request(SdkHttpMethod.GET, "/-/health").build(), new byte[0]).wire();
        System.arraycopy(smuggled, 0, body, 10_000, smuggled.length);
        Request refused = new Request(raw.request(SdkHttpMethod.PUT, "/refused-with-body").build(), body);

        try (Connection c = raw.connect()) {
            c.write(refused.wire());
            Response first = c.read();
            assertThat(first.status()).as(first.toString()).isEqualTo(403);
            if (first.header("Connection").filter("close"::equalsIgnoreCase).isPresent()) {
                assertThat(c.closedByServer(5_000)).isTrue();
                return;
            }
            c.write(raw.sign(raw.request(SdkHttpMethod.GET, "/").build(), new byte[0]).wire());
            Response second = c.read();
            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(second.text()).contains("<ListAllMyBucketsResult");
        }
    }

    private static void assertServerStillServes() {
        assertThat(s3.listBuckets().sdkHttpResponse().isSuccessful()).isTrue();
    }
}
