package dev.coffer.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.sigv4.AuthLocation;
import dev.coffer.sigv4.CredentialScope;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.RequestParts;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignatureClaimTest {
    private static final String SIG = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
    private static final String GOOD = "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + SIG;
    private static final String QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIG;

    @Test
    void parse_withAuthorizationHeader_readsEveryComponent() {
        SignatureClaim c = header(GOOD.replace(", ", ",  "));

        assertThat(c.location()).isEqualTo(AuthLocation.HEADER);
        assertThat(c.accessKeyId()).isEqualTo("AKID");
        assertThat(c.scope()).isEqualTo(new CredentialScope("20130524", "us-east-1", "s3"));
        assertThat(c.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(c.signature()).isEqualTo(SIG);
        assertThat(c.signedAt()).isEqualTo(Instant.parse("2013-05-24T00:00:00Z"));
    }

    @Test
    void parse_withComponentsInAnotherOrder_succeeds() {
        SignatureClaim c = header("AWS4-HMAC-SHA256 Signature=" + SIG
                + ",SignedHeaders=host,Credential=AKID/20130524/us-east-1/s3/aws4_request");

        assertThat(c.signedHeadersRaw()).isEqualTo("host");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=",
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=a, "
                + "Signature=b",
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=a, Foo=b",
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3, SignedHeaders=host, Signature=a",
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_reques, SignedHeaders=host, Signature=a",
        "AWS4-HMAC-SHA256 Credential=/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=a",
        "AWS4-HMAC-SHA256 Credential=AKID/2013052/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=a",
        "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;;x, Signature=a",
        "AWS4-HMAC-SHA256 garbage",
    })
    void parse_withMalformedAuthorizationHeader_failsWithAuthorizationHeaderMalformed(String value) {
        assertError(() -> header(value), SigV4Error.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void parse_withScopeDateNotTheRequestDay_failsWithAuthorizationHeaderMalformed() {
        assertThatThrownBy(() -> header(GOOD.replace("20130524/", "20130523/")))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "The authorization header is malformed; Invalid credential date \"20130523\". "
                                + "This date is not the same as X-Amz-Date: \"20130524\"."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=|UNSUPPORTED_AUTHORIZATION_MECHANISM",
        "AWS4-ECDSA-P256-SHA256 Credential=AKID/20130524/s3/aws4_request|UNSUPPORTED_AUTHORIZATION_MECHANISM",
        "Bearer abc|UNSUPPORTED_AUTHORIZATION_TYPE",
    })
    void parse_withAnotherScheme_failsWithTheSchemesError(String value, SigV4Error error) {
        assertError(() -> header(value), error);
    }

    @Test
    void parse_withoutAnyDate_failsWithMissingDate() {
        RequestParts r = RequestParts.of("GET", "/", Headers.of("Host", "h", "Authorization", GOOD));

        assertError(() -> SignatureClaim.parse(r), SigV4Error.MISSING_DATE);
        RequestParts bad = RequestParts.of("GET", "/", Headers.of("Host", "h", "Authorization", GOOD,
                "x-amz-date", "2013-05-24T00:00:00Z"));
        assertError(() -> SignatureClaim.parse(bad), SigV4Error.MISSING_DATE);
    }

    @Test
    void parse_withDateHeaderOnly_usesItAsTheTimestamp() {
        RequestParts r = RequestParts.of("GET", "/", Headers.of("Host", "h", "Authorization", GOOD,
                "Date", "Fri, 24 May 2013 00:00:00 GMT"));

        assertThat(SignatureClaim.parse(r).orElseThrow().amzDate()).isEqualTo("20130524T000000Z");
    }

    @Test
    void parse_withHeaderAndQueryAuth_failsWithMultipleAuthMechanisms() {
        RequestParts r = RequestParts.of("GET", "/?" + QUERY, Headers.of("Authorization", GOOD,
                "x-amz-date", "20130524T000000Z"));

        assertError(() -> SignatureClaim.parse(r), SigV4Error.MULTIPLE_AUTH_MECHANISMS);
    }

    @Test
    void parse_withPresignedUrl_readsTheQuery() {
        SignatureClaim c = SignatureClaim.parse(RequestParts.of("GET", "/k?" + QUERY, Headers.of("Host", "h")))
                .orElseThrow();

        assertThat(c.location()).isEqualTo(AuthLocation.QUERY);
        assertThat(c.expires()).contains(Duration.ofDays(1));
        assertThat(c.signedHeaders()).isEqualTo(List.of("host"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X-Amz-Expires=86400|X-Amz-Expires=604801|X-Amz-Expires must be less than a week (in seconds) that is 604800",
        "X-Amz-Expires=86400|X-Amz-Expires=-1|X-Amz-Expires must be non-negative",
        "X-Amz-Expires=86400|X-Amz-Expires=0|X-Amz-Expires must be greater than 0",
        "X-Amz-Expires=86400|X-Amz-Expires=soon|X-Amz-Expires should be a number",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256|X-Amz-Algorithm=AWS4-HMAC-SHA1|X-Amz-Algorithm only supports "
                + "\"AWS4-HMAC-SHA256\"",
        "&X-Amz-SignedHeaders=host|''|Query-string authentication version 4 requires the X-Amz-Algorithm, "
                + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
        "aws4_request|aws4|Error parsing the X-Amz-Credential parameter; incorrect terminal \"aws4\". This endpoint "
                + "uses \"aws4_request\".",
    })
    void parse_withBadPresignParameter_failsWithAuthorizationQueryParametersError(String from, String to,
            String message) {
        RequestParts r = RequestParts.of("GET", "/k?" + QUERY.replace(from, to), Headers.of("Host", "h"));

        assertThatThrownBy(() -> SignatureClaim.parse(r)).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void parse_withSignatureVersion2Query_failsWithUnsupportedMechanism() {
        RequestParts r = RequestParts.of("GET", "/k?AWSAccessKeyId=AKID&Expires=1&Signature=abc", Headers.empty());

        assertError(() -> SignatureClaim.parse(r), SigV4Error.UNSUPPORTED_AUTHORIZATION_MECHANISM);
    }

    @Test
    void parse_withNoCredentials_isEmpty() {
        assertThat(SignatureClaim.parse(RequestParts.of("GET", "/k?versionId=1", Headers.of("Host", "h"))))
                .isEmpty();
    }

    private static SignatureClaim header(String authorization) {
        return SignatureClaim.parse(RequestParts.of("GET", "/", Headers.of("Host", "h",
                "x-amz-date", "20130524T000000Z", "Authorization", authorization))).orElseThrow();
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SigV4Error error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }
}
