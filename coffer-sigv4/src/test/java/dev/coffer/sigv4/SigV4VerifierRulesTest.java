package dev.coffer.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** S3's header rules, on requests that are otherwise correctly signed (by the SDK, headers included). */
class SigV4VerifierRulesTest {
    private static final byte[] BODY = "body".getBytes(StandardCharsets.UTF_8);
    private final SigV4Verifier<String> verifier = SdkSigning.verifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x-amz-checksum-crc32|not base64|INVALID_REQUEST|Value for x-amz-checksum-crc32 header is invalid.",
        "x-amz-sdk-checksum-algorithm|CRC32|INVALID_REQUEST|x-amz-sdk-checksum-algorithm specified, but no "
                + "corresponding x-amz-checksum-* or x-amz-trailer headers were found.",
        "x-amz-sdk-checksum-algorithm|MD4|INVALID_REQUEST|Value for x-amz-sdk-checksum-algorithm header is invalid.",
        "x-amz-trailer|x-amz-checksum-crc32|MALFORMED_TRAILER|The request contained trailing data that was not "
                + "well-formed or did not conform to our published schema.",
        "Content-MD5|bm90IG1kNQ==|INVALID_DIGEST|The Content-MD5 you specified is not valid.",
    })
    void verify_withBadBodyHeader_failsWithS3sError(String name, String value, SigV4Error error, String message) {
        RequestParts r = signedWith(Map.of(name, value), false);

        assertThatThrownBy(() -> verifier.verify(r)).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void verify_withTwoChecksumHeaders_failsWithInvalidRequest() {
        RequestParts r = signedWith(Map.of("x-amz-checksum-crc32", "BI4PvA==", "x-amz-checksum-crc32c", "LxqKsQ=="),
                false);

        assertThatThrownBy(() -> verifier.verify(r)).isInstanceOfSatisfying(SigV4Exception.class, e ->
                assertThat(e.getMessage()).isEqualTo(
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."));
    }

    @Test
    void verify_withContentMd5_checksItAtTheEnd() throws Exception {
        RequestParts r = signedWith(Map.of("Content-MD5", "hBotaJrYa9FhFEdFPCLG/A=="), false);

        assertThat(verifier.verify(r).openBody(new java.io.ByteArrayInputStream(BODY)).readAllBytes()).isEqualTo(BODY);
        assertThatThrownBy(() -> verifier.verify(r).openBody(new java.io.ByteArrayInputStream("bodY".getBytes(
                StandardCharsets.UTF_8))).readAllBytes()).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.BAD_DIGEST));
    }

    @Test
    void openBody_withFewerBytesThanContentLength_failsWithIncompleteBody() {
        RequestParts r = signedWith(Map.of(), false);

        assertThatThrownBy(() -> verifier.verify(r).openBody(new java.io.ByteArrayInputStream(new byte[2]))
                .readAllBytes()).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.INCOMPLETE_BODY));
    }

    @ParameterizedTest
    @CsvSource({"not-a-hash,INVALID_CONTENT_SHA256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD,INVALID_CONTENT_SHA256"})
    void verify_withUnknownContentSha256_failsWithInvalidArgument(String value, SigV4Error error) {
        // Checked before the signature, so this one need not be signed.
        RequestParts r = SdkSigning.withHeader(signedWith(Map.of(), false), "x-amz-content-sha256", value);

        assertThatThrownBy(() -> verifier.verify(r)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void verify_withoutContentSha256Header_failsWithMissingContentSha256() {
        RequestParts r = SdkSigning.withoutHeader(signedWith(Map.of(), false), "x-amz-content-sha256");

        assertThatThrownBy(() -> verifier.verify(r)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.MISSING_CONTENT_SHA256));
    }

    @Test
    void verify_withHostNotSigned_failsWithHeadersNotSigned() {
        RequestParts r = RequestParts.of("GET", "/", Headers.of("Host", "h", "x-amz-date", "20240524T120000Z",
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Authorization", "AWS4-HMAC-SHA256 "
                        + "Credential=AKIDEXAMPLE/20240524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=x-amz-content-sha256;x-amz-date, Signature=00"));

        assertThatThrownBy(() -> verifier.verify(r)).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.HEADERS_NOT_SIGNED);
            assertThat(e.details()).containsEntry("HeadersNotSigned", "host");
        });
    }

    /** A PUT of {@link #BODY} with extra headers, all of them signed; UNSIGNED-PAYLOAD or unsigned aws-chunked. */
    private static RequestParts signedWith(Map<String, String> extra, boolean chunked) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://examplebucket.s3.amazonaws.com/k"))
                .putHeader("Content-Length", Integer.toString(BODY.length));
        extra.forEach(b::putHeader);
        return SdkSigning.parts(AwsV4HttpSigner.create().sign(s -> s
                .identity(AwsCredentialsIdentity.create(SdkSigning.ACCESS_KEY, SdkSigning.SECRET_KEY))
                .request(b.build())
                .payload(() -> new java.io.ByteArrayInputStream(BODY))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC))).request());
    }
}
