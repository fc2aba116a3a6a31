package dev.coffer.sigv4;

import static dev.coffer.sigv4.SdkSigning.NOW;
import static dev.coffer.sigv4.SdkSigning.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the AWS SDK v2's own signer, in every mode it has, verified. */
class SigV4VerifierSdkTest {
    private static final byte[] BODY = "hello world, this is a body".getBytes(StandardCharsets.UTF_8);
    private final SigV4Verifier<String> verifier = SdkSigning.verifier();

    @Test
    void verify_withSignedPayloadHash_returnsPrincipalAndVerifiesBody() throws Exception {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/photos/my%20cat.jpg?x-id=PutObject", BODY,
                b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        VerifiedRequest<String> v = verifier.verify(signed.parts());

        assertThat(v.principal()).isEqualTo(SdkSigning.PRINCIPAL);
        assertThat(v.accessKeyId()).isEqualTo(SdkSigning.ACCESS_KEY);
        assertThat(v.scope()).isEqualTo(new CredentialScope("20240524", "us-east-1", "s3"));
        assertThat(v.signedAt()).isEqualTo(NOW);
        assertThat(v.authLocation()).isEqualTo(AuthLocation.HEADER);
        assertThat(v.payloadMode()).isEqualTo(PayloadMode.SHA256);
        try (VerifiedBody body = v.openBody(signed.body())) {
            assertThat(body.readAllBytes()).isEqualTo(BODY);
            assertThat(body.isComplete()).isTrue();
            assertThat(body.length()).isEqualTo(BODY.length);
        }
    }

    @Test
    void openBody_withBodyNotMatchingSignedHash_failsWithXAmzContentSha256Mismatch() throws Exception {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/k", BODY,
                b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        byte[] tampered = BODY.clone();
        tampered[3] ^= 1;

        VerifiedBody body = verifier.verify(signed.parts()).openBody(new java.io.ByteArrayInputStream(tampered));

        assertThatThrownBy(body::readAllBytes).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.X_AMZ_CONTENT_SHA256_MISMATCH);
            assertThat(e.details()).containsKeys("ClientComputedContentSHA256", "S3ComputedContentSHA256");
        });
        assertThatThrownBy(body::read).isInstanceOf(SigV4Exception.class); // fails closed
    }

    @Test
    void verify_withUnsignedPayload_passesBodyThrough() throws Exception {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/k", BODY,
                b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        VerifiedRequest<String> v = verifier.verify(signed.parts());

        assertThat(v.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(v.openBody(signed.body()).readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void verify_withChecksumHeader_verifiesItAndExposesComputedChecksums() throws Exception {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/k", BODY, b -> b
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.SHA256));
        VerifiedRequest<String> v = verifier.verify(signed.parts());

        VerifiedBody body = v.openBody(signed.body(), Set.of(ChecksumAlgorithm.CRC64NVME));
        body.readAllBytes();

        assertThat(v.checksumAlgorithm()).contains(ChecksumAlgorithm.SHA256);
        assertThat(body.checksum(ChecksumAlgorithm.SHA256))
                .isEqualTo(signed.parts().headers().first("x-amz-checksum-sha256"));
        assertThat(body.checksums()).containsKey(ChecksumAlgorithm.CRC64NVME);
    }

    @Test
    void openBody_withChecksumHeaderNotMatchingBody_failsWithBadDigest() {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/k", BODY, b -> b
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        byte[] tampered = BODY.clone();
        tampered[0] ^= 1;

        VerifiedBody body = verifier.verify(signed.parts()).openBody(new java.io.ByteArrayInputStream(tampered));

        assertThatThrownBy(body::readAllBytes).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.BAD_DIGEST);
            assertThat(e.getMessage()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8191, 131072, 300_000})
    void verify_withStreamingSignedPayload_decodesEveryChunk(int size) throws Exception {
        byte[] payload = bytes(size);
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/big", payload, b -> b
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        VerifiedRequest<String> v = verifier.verify(signed.parts());

        assertThat(v.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(v.decodedContentLength()).hasValue(size);
        for (int step : new int[] {1, 7, 8193, 1 << 20}) {
            if (step == 1 && size > 10_000) {
                continue; // byte-at-a-time over 300 KB is slow and proves nothing more than 7
            }
            VerifiedBody body = v.openBody(new Trickle(signed.wireBody(), step));
            assertThat(Trickle.drain(body, 5000)).isEqualTo(payload);
            assertThat(body.isComplete()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void verify_withStreamingSignedTrailer_verifiesTrailerSignatureAndChecksum(String algorithm) throws Exception {
        byte[] payload = bytes(200_000);
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/big", payload, b -> b
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.fromValue(algorithm)));
        ChecksumAlgorithm a = ChecksumAlgorithm.fromAlgorithmName(algorithm).orElseThrow();

        VerifiedRequest<String> v = verifier.verify(signed.parts());
        VerifiedBody body = v.openBody(new Trickle(signed.wireBody(), 3001));

        assertThat(v.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(Trickle.drain(body, 8192)).isEqualTo(payload);
        assertThat(body.checksum(a)).contains(a.checksumOf(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void verify_withStreamingUnsignedTrailer_verifiesTrailerChecksum(String algorithm) throws Exception {
        byte[] payload = bytes(150_000);
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/big", payload, b -> b
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.fromValue(algorithm)));
        ChecksumAlgorithm a = ChecksumAlgorithm.fromAlgorithmName(algorithm).orElseThrow();

        VerifiedRequest<String> v = verifier.verify(signed.parts());
        VerifiedBody body = v.openBody(signed.body());

        assertThat(v.payloadMode()).isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
        assertThat(v.checksumAlgorithm()).contains(a);
        assertThat(body.readAllBytes()).isEqualTo(payload);
        assertThat(body.checksum(a)).contains(a.checksumOf(payload));
    }

    @Test
    void verify_withWrongSecret_failsWithSignatureDoesNotMatchWithoutTheExpectedSignature() {
        var signed = SdkSigning.sign(SdkHttpMethod.GET, "https://examplebucket.s3.amazonaws.com/k", null, "s3",
                "not-the-secret", b -> { });

        assertThatThrownBy(() -> verifier.verify(signed.parts())).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
            assertThat(e.getMessage()).isEqualTo("The request signature we calculated does not match the signature "
                    + "you provided. Check your key and signing method.");
            assertThat(e.details()).containsKeys("StringToSign", "CanonicalRequest", "SignatureProvided");
            String expected = SdkSigning.sign(SdkHttpMethod.GET, "https://examplebucket.s3.amazonaws.com/k", null,
                    "s3", SdkSigning.SECRET_KEY, b -> { }).parts().headers().first("authorization").orElseThrow();
            String expectedSignature = expected.substring(expected.indexOf("Signature=") + 10);
            assertThat(e.details().values()).noneMatch(d -> d.contains(expectedSignature));
            assertThat(e.getMessage()).doesNotContain(expectedSignature).doesNotContain(SdkSigning.SECRET_KEY);
        });
    }

    @Test
    void verify_withWrongSecret_blanksSseCustomerKeyInTheDetails() {
        String key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        var request = software.amazon.awssdk.http.SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(java.net.URI.create("https://examplebucket.s3.amazonaws.com/k"))
                .putHeader("x-amz-server-side-encryption-customer-key", key).build();
        RequestParts parts = SdkSigning.parts(AwsV4HttpSigner.create().sign(b -> b
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(SdkSigning.ACCESS_KEY,
                        "wrong"))
                .request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK,
                        java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))).request());

        assertThatThrownBy(() -> verifier.verify(parts)).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.details().get("CanonicalRequest"))
                    .contains("x-amz-server-side-encryption-customer-key:(redacted)");
            assertThat(e.details().values()).noneMatch(v -> v.contains(key));
        });
    }

    @Test
    void isSigned_withQueryMerelyContainingSignatureWords_isFalse() {
        RequestParts r = RequestParts.of("GET", "/b?prefix=Signature%3D&marker=X-Amz-Date", Headers.empty());

        assertThat(SigV4Verifier.isSigned(r)).isFalse();
    }

    @Test
    void verify_withUnknownAccessKey_failsWithInvalidAccessKeyId() {
        var signed = SdkSigning.s3(SdkHttpMethod.GET, "/k", null, b -> { });
        SigV4Verifier<String> empty = SigV4Verifier.<String>builder(id -> Optional.empty())
                .clock(InstantSource.fixed(NOW)).build();

        assertThatThrownBy(() -> empty.verify(signed.parts()))
                .isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.INVALID_ACCESS_KEY_ID));
    }

    @Test
    void verify_withClockSkewOverFifteenMinutes_failsWithRequestTimeTooSkewed() {
        var signed = SdkSigning.s3(SdkHttpMethod.GET, "/k", null, b -> { });

        assertThat(SdkSigning.verifier(InstantSource.fixed(NOW.plus(Duration.ofMinutes(15))))
                .verify(signed.parts())).isNotNull();
        for (Duration skew : new Duration[] {Duration.ofMinutes(16), Duration.ofMinutes(-16)}) {
            assertThatThrownBy(() -> SdkSigning.verifier(InstantSource.fixed(NOW.plus(skew))).verify(signed.parts()))
                    .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                        assertThat(e.error()).isEqualTo(SigV4Error.REQUEST_TIME_TOO_SKEWED);
                        assertThat(e.details()).containsEntry("MaxAllowedSkewMilliseconds", "900000");
                    });
        }
    }

    @Test
    void verify_withTamperedSignedHeader_failsWithSignatureDoesNotMatch() {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/k", BODY, b -> { });
        RequestParts tampered = SdkSigning.withHeader(signed.parts(), "Content-Length", "28");

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void verify_withUnsignedAmzHeaderAdded_failsWithHeadersNotSigned() {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/k", BODY, b -> { });
        RequestParts tampered = SdkSigning.withHeader(signed.parts(), "x-amz-acl", "public-read");

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.HEADERS_NOT_SIGNED);
            assertThat(e.details()).containsEntry("HeadersNotSigned", "x-amz-acl");
        });
    }

    @Test
    void verify_withTemporaryCredentials_requiresTheirSessionToken() {
        var identity = AwsSessionCredentialsIdentity.create(SdkSigning.ACCESS_KEY, SdkSigning.SECRET_KEY, "token-1");
        var signed = SdkSigning.parts(AwsV4HttpSigner.create().sign(b -> b
                .identity(identity)
                .request(software.amazon.awssdk.http.SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                        .uri(java.net.URI.create("https://examplebucket.s3.amazonaws.com/k")).build())
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK,
                        java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))).request());
        Secret secret = Secret.copyOf(SdkSigning.SECRET_KEY.getBytes(StandardCharsets.UTF_8));
        var session = new Credential<>(SdkSigning.ACCESS_KEY, secret, "role", Optional.of("token-1"),
                Optional.of(NOW.plusSeconds(3600)));
        var otherToken = new Credential<>(SdkSigning.ACCESS_KEY, secret, "role", Optional.of("token-2"),
                Optional.empty());
        var expired = new Credential<>(SdkSigning.ACCESS_KEY, secret, "role", Optional.of("token-1"),
                Optional.of(NOW));

        assertThat(verifierFor(session).verify(signed).principal()).isEqualTo("role");
        assertThatThrownBy(() -> verifierFor(otherToken).verify(signed)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.INVALID_TOKEN));
        assertThatThrownBy(() -> verifierFor(Credential.longTerm(SdkSigning.ACCESS_KEY, secret, "user"))
                .verify(signed)).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.INVALID_TOKEN));
        assertThatThrownBy(() -> verifierFor(expired).verify(signed)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.EXPIRED_TOKEN));
    }

    @Test
    void verify_withPresignedUrl_succeedsUntilItExpires() {
        // As S3Presigner does: query auth, no payload signing.
        var signed = SdkSigning.s3(SdkHttpMethod.GET, "/photos/cat.jpg?versionId=3", null, b -> b
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        VerifiedRequest<String> v = verifier.verify(signed.parts());

        assertThat(v.authLocation()).isEqualTo(AuthLocation.QUERY);
        assertThat(v.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(v.expiresAt()).contains(NOW.plus(Duration.ofMinutes(10)));
        assertThat(SdkSigning.verifier(InstantSource.fixed(NOW.plusSeconds(600))).verify(signed.parts())).isNotNull();
        assertThatThrownBy(() -> SdkSigning.verifier(InstantSource.fixed(NOW.plusSeconds(601))).verify(signed.parts()))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(SigV4Error.ACCESS_DENIED_EXPIRED);
                    assertThat(e.getMessage()).isEqualTo("Request has expired");
                    assertThat(e.details()).containsEntry("X-Amz-Expires", "600");
                });
        assertThatThrownBy(() -> SdkSigning.verifier(InstantSource.fixed(NOW.minus(Duration.ofMinutes(16))))
                .verify(signed.parts())).isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.ACCESS_DENIED_NOT_YET_VALID));
    }

    @Test
    void verify_withPresignedUrlSigningTheEmptyPayloadHash_checksTheBodyIsEmpty() throws Exception {
        var signed = SdkSigning.s3(SdkHttpMethod.GET, "/k", null, b -> b
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        VerifiedRequest<String> v = verifier.verify(signed.parts());

        assertThat(v.payloadMode()).isEqualTo(PayloadMode.SHA256);
        assertThat(v.openBody(new java.io.ByteArrayInputStream(new byte[0])).readAllBytes()).isEmpty();
        assertThatThrownBy(() -> v.openBody(new java.io.ByteArrayInputStream(BODY)).readAllBytes())
                .isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.X_AMZ_CONTENT_SHA256_MISMATCH));
    }

    @Test
    void verify_withPresignedPut_acceptsTheSignedBody() throws Exception {
        var signed = SdkSigning.s3(SdkHttpMethod.PUT, "/upload", BODY, b -> b
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofHours(1))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        VerifiedRequest<String> v = verifier.verify(signed.parts());

        assertThat(v.openBody(signed.body()).readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void verify_withTamperedPresignedQuery_failsWithSignatureDoesNotMatch() {
        var signed = SdkSigning.s3(SdkHttpMethod.GET, "/k?versionId=3", null, b -> b
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        RequestParts p = signed.parts();
        RequestParts tampered = new RequestParts(p.method(), p.rawPath(),
                p.rawQuery().replace("versionId=3", "versionId=4"), p.headers());

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void verify_withKmsJsonBody_hashesTheBufferedBody() {
        byte[] json = "{\"KeyId\":\"alias/app\",\"Plaintext\":\"aGVsbG8=\"}".getBytes(StandardCharsets.UTF_8);
        var signed = SdkSigning.sign(SdkHttpMethod.POST, "https://kms.us-east-1.amazonaws.com/", json, "kms",
                SdkSigning.SECRET_KEY, b -> { });
        RequestParts parts = SdkSigning.withoutHeader(signed.parts(), "x-amz-content-sha256");

        assertThat(SigV4Verifier.claimedScope(parts).map(CredentialScope::service)).contains("kms");
        assertThatThrownBy(() -> verifier.verify(parts, json)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH)); // the header was signed
        VerifiedRequest<String> v = verifier.verify(signed.parts(), json);
        assertThat(v.service()).isEqualTo("kms");
        assertThat(v.payloadMode()).isEqualTo(PayloadMode.BUFFERED);
        byte[] other = json.clone();
        other[5] ^= 1;
        assertThatThrownBy(() -> verifier.verify(signed.parts(), other)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.X_AMZ_CONTENT_SHA256_MISMATCH));
    }

    @Test
    void verify_withAnonymousRequest_failsWithMissingSecurityHeader() {
        RequestParts anonymous = RequestParts.of("GET", "/bucket/key", Headers.of("Host", "localhost"));

        assertThat(SigV4Verifier.isSigned(anonymous)).isFalse();
        assertThat(SigV4Verifier.claimedScope(anonymous)).isEmpty();
        assertThatThrownBy(() -> verifier.verify(anonymous)).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.MISSING_SECURITY_HEADER));
    }

    private static SigV4Verifier<String> verifierFor(Credential<String> credential) {
        Map<String, Credential<String>> keys = Map.of(credential.accessKeyId(), credential);
        return SigV4Verifier.builder((String id) -> Optional.ofNullable(keys.get(id)))
                .clock(InstantSource.fixed(NOW)).build();
    }
}
