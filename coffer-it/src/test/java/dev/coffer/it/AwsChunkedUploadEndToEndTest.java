package dev.coffer.it;

import static dev.coffer.it.RawRequests.paddedConfiguration;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.it.AwsChunkedEncoder.Mode;
import dev.coffer.it.RawRequests.Connection;
import dev.coffer.it.RawRequests.Request;
import dev.coffer.it.RawRequests.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.PayloadChecksumStore;
import software.amazon.awssdk.http.auth.spi.signer.SdkInternalHttpSignerProperty;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * aws-chunked request bodies ({@code Content-Encoding: aws-chunked}) on CreateBucket, whose small XML body is
 * the one body the server reads today: every payload mode, several chunks, and each way such a body can be
 * forged or broken. A failed CreateBucket must leave no bucket, and the server must go on serving.
 */
class AwsChunkedUploadEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

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

    // --- Success, through the SDK's signer (one data chunk: the SDK's chunks are 128 KiB) ---

    @Test
    void createBucket_withSignedStreamingPayload_succeeds() {
        Request put = sdkChunked("stream-signed", paddedConfiguration(20_000), null, true);
        assertThat(put.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertBucketExists("stream-signed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C", "SHA256"})
    void createBucket_withSignedStreamingPayloadAndTrailer_succeeds(String algorithm) {
        String bucket = "stream-signed-trailer-" + algorithm.toLowerCase(Locale.ROOT);
        Request put = sdkChunked(bucket, paddedConfiguration(20_000), checksum(algorithm), true);
        assertThat(put.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(put.header("x-amz-trailer")).isEqualTo("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT));

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertBucketExists(bucket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C", "SHA256"})
    void createBucket_withUnsignedStreamingPayloadAndTrailer_succeeds(String algorithm) {
        String bucket = "stream-unsigned-trailer-" + algorithm.toLowerCase(Locale.ROOT);
        Request put = sdkChunked(bucket, paddedConfiguration(20_000), checksum(algorithm), false);
        assertThat(put.header("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertBucketExists(bucket);
    }

    // --- Several chunks, through our own encoder (checked against the SDK first) ---

    /** Guards the multi-chunk tests below: for one chunk, our encoder must write exactly what the SDK writes. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void handBuiltChunkedBody_ofOneChunk_isByteIdenticalToTheSdks(Mode mode) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] data = paddedConfiguration(3_000);
        ChecksumAlgorithm trailer = mode.trailer ? DefaultChecksumAlgorithm.CRC32C : null;
        Request sdk = sdkChunked(putBucket("byte-identical"), data, trailer, mode.chunkSigned, r -> r
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));

        Request ours = encoder(mode, trailer).chunkSize(128 * 1024).encode(putBucket("byte-identical"), data, at);

        assertThat(new String(ours.wire(), UTF_8)).isEqualTo(new String(sdk.wire(), UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void createBucket_withSeveralChunks_succeeds(Mode mode) {
        String bucket = "stream-chunks-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        byte[] data = paddedConfiguration(40_000);
        Request put = encoder(mode, mode.trailer ? DefaultChecksumAlgorithm.CRC32 : null)
                .encode(putBucket(bucket), data, Instant.now());
        assertThat(chunkSizes(put.body())).hasSize(6).startsWith(8192, 8192, 8192, 8192);

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertBucketExists(bucket);
    }

    // --- Forged or broken bodies ---

    @Test
    void createBucket_withTamperedChunkSignature_failsWithSignatureDoesNotMatch() {
        Request put = sdkChunked("tampered-chunk-sig", paddedConfiguration(20_000), null, true);

        Response response = raw.send(put.withBody(flipHexDigitAfter(put.body(), ";chunk-signature=", 0)));

        assertRefused(response, 403, "SignatureDoesNotMatch", "tampered-chunk-sig");
    }

    /** Each link of the chain is checked: the first data chunk, a middle one, and the final empty chunk. */
    @ParameterizedTest
    @ValueSource(ints = {0, 2, 5})
    void createBucket_withTamperedSignatureOfOneOfSeveralChunks_failsWithSignatureDoesNotMatch(int chunk) {
        String bucket = "tampered-chunk-" + chunk;
        Request put = encoder(Mode.SIGNED, null).encode(putBucket(bucket), paddedConfiguration(40_000), Instant.now());

        Response response = raw.send(put.withBody(flipHexDigitAfter(put.body(), ";chunk-signature=", chunk)));

        assertRefused(response, 403, "SignatureDoesNotMatch", bucket);
    }

    @Test
    void createBucket_withTamperedChunkData_failsWithSignatureDoesNotMatch() {
        byte[] data = paddedConfiguration(20_000);
        Request put = sdkChunked("tampered-chunk-data", data, null, true);
        byte[] body = put.body().clone();
        // A byte of the padding: the XML stays well-formed, so only the chunk signature can notice.
        int at = indexOf(body, "padding".getBytes(UTF_8), 0);
        body[at] = 'P';

        Response response = raw.send(put.withBody(body));

        assertRefused(response, 403, "SignatureDoesNotMatch", "tampered-chunk-data");
    }

    @Test
    void createBucket_withTamperedTrailerSignature_failsWithSignatureDoesNotMatch() {
        Request put = sdkChunked("tampered-trailer-sig", paddedConfiguration(20_000),
                DefaultChecksumAlgorithm.CRC32, true);

        Response response = raw.send(put.withBody(flipHexDigitAfter(put.body(), "x-amz-trailer-signature:", 0)));

        assertRefused(response, 403, "SignatureDoesNotMatch", "tampered-trailer-sig");
    }

    /** The SDK signs the trailer it is given: a checksum of other bytes, with a valid trailer signature. */
    @Test
    void createBucket_withSignedTrailerChecksumOfOtherBody_failsWithBadDigest() {
        PayloadChecksumStore store = PayloadChecksumStore.create();
        store.putChecksumValue(DefaultChecksumAlgorithm.CRC32, crc32("some other body".getBytes(UTF_8)));
        Request put = sdkChunked(putBucket("bad-digest-signed"), paddedConfiguration(20_000),
                DefaultChecksumAlgorithm.CRC32, true,
                r -> r.putProperty(SdkInternalHttpSignerProperty.CHECKSUM_STORE, store));
        assertThat(new String(put.body(), UTF_8)).contains("x-amz-checksum-crc32:"
                + Base64.getEncoder().encodeToString(crc32("some other body".getBytes(UTF_8))));

        Response response = raw.send(put);

        assertRefused(response, 400, "BadDigest", "bad-digest-signed");
    }

    @Test
    void createBucket_withUnsignedTrailerChecksumOfOtherBody_failsWithBadDigest() {
        byte[] data = paddedConfiguration(20_000);
        Request put = sdkChunked("bad-digest-unsigned", data, DefaultChecksumAlgorithm.CRC32, false);
        String right = Base64.getEncoder().encodeToString(crc32(data));
        String wrong = Base64.getEncoder().encodeToString(crc32("some other body".getBytes(UTF_8)));
        String body = new String(put.body(), UTF_8);
        assertThat(body).contains("x-amz-checksum-crc32:" + right);

        Response response = raw.send(put.withBody(body.replace(right, wrong).getBytes(UTF_8)));

        assertRefused(response, 400, "BadDigest", "bad-digest-unsigned");
    }

    /**
     * The client sends less than its Content-Length and closes its side: in the middle of the chunk data, just
     * before the final chunk, in the middle of the trailer.
     */
    @ParameterizedTest
    @MethodSource("truncationPoints")
    void createBucket_withBodyCutShortAndConnectionHalfClosed_failsWithIncompleteBody(String bucket, String cutBefore) {
        Request put = sdkChunked(bucket, paddedConfiguration(20_000), DefaultChecksumAlgorithm.CRC32, true);
        int cut = cutBefore.isEmpty() ? put.body().length / 2 : indexOf(put.body(), cutBefore.getBytes(UTF_8), 0);

        Response response;
        try (Connection c = raw.connect()) {
            c.write(put.head());
            c.write(Arrays.copyOf(put.body(), cut));
            c.shutdownOutput();
            response = c.read();
        }

        assertRefused(response, 400, "IncompleteBody", bucket);
    }

    @Test
    void createBucket_withBodyCutShortAndConnectionClosed_createsNoBucket() {
        Request put = sdkChunked("cut-and-closed", paddedConfiguration(20_000), DefaultChecksumAlgorithm.CRC32, true);

        try (Connection c = raw.connect()) {
            c.write(put.head());
            c.write(Arrays.copyOf(put.body(), put.body().length / 2));
        }

        assertBucketAbsent("cut-and-closed");
        assertServerStillServes();
    }

    static Stream<Arguments> truncationPoints() {
        return Stream.of(
                Arguments.of("cut-in-data", ""),
                Arguments.of("cut-before-final-chunk", "0;chunk-signature="),
                Arguments.of("cut-in-trailer", "x-amz-trailer-signature:"));
    }

    @Test
    void createBucket_withDecodedContentLengthLongerThanTheChunks_failsWithIncompleteBody() {
        byte[] data = paddedConfiguration(20_000);
        Request put = encoder(Mode.SIGNED, null).decodedLength(data.length + 1)
                .encode(putBucket("decoded-length-longer"), data, Instant.now());

        Response response = raw.send(put);

        assertRefused(response, 400, "IncompleteBody", "decoded-length-longer");
    }

    @Test
    void createBucket_withDecodedContentLengthShorterThanTheChunks_failsWith400() {
        byte[] data = paddedConfiguration(20_000);
        Request put = encoder(Mode.SIGNED, null).decodedLength(data.length - 1)
                .encode(putBucket("decoded-length-shorter"), data, Instant.now());

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertBucketAbsent("decoded-length-shorter");
        assertServerStillServes();
    }

    @Test
    void createBucket_withSignedChunksSmallerThan8KiB_failsWithInvalidChunkSizeError() {
        Request put = encoder(Mode.SIGNED, null).chunkSize(4096)
                .encode(putBucket("small-chunks"), paddedConfiguration(20_000), Instant.now());

        Response response = raw.send(put);

        assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        assertThat(response.errorCode()).isEqualTo("InvalidChunkSizeError");
        assertBucketAbsent("small-chunks");
        assertServerStillServes();
    }

    // --- Helpers ---

    private static void assertRefused(Response response, int status, String code, String bucket) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.element("RequestId")).hasValueSatisfying(id -> assertThat(id).matches("[0-9A-F]{16}"));
        assertBucketAbsent(bucket);
        assertServerStillServes();
    }

    private static void assertBucketExists(String bucket) {
        assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    private static void assertBucketAbsent(String bucket) {
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    private static void assertServerStillServes() {
        assertThat(s3.listBuckets().sdkHttpResponse().isSuccessful()).isTrue();
    }

    private static SdkHttpRequest putBucket(String bucket) {
        return raw.request(SdkHttpMethod.PUT, "/" + bucket).build();
    }

    private static Request sdkChunked(String bucket, byte[] data, ChecksumAlgorithm trailer, boolean signed) {
        return sdkChunked(putBucket(bucket), data, trailer, signed, r -> { });
    }

    /**
     * Through the SDK's signer with chunk encoding on. The SDK signs payloads over plain HTTP whatever it is told,
     * so an unsigned payload is signed as for https; the scheme is not part of the signature, and the request
     * goes to the same port.
     */
    private static Request sdkChunked(SdkHttpRequest request, byte[] data, ChecksumAlgorithm trailer, boolean signed,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        SdkHttpRequest r = signed ? request : request.toBuilder().protocol("https").build();
        return raw.sign(r, data, p -> {
            p.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signed);
            if (trailer != null) {
                p.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, trailer);
            }
            more.accept(p);
        });
    }

    private static AwsChunkedEncoder encoder(Mode mode, ChecksumAlgorithm trailer) {
        AwsChunkedEncoder e = new AwsChunkedEncoder(coffer.accessKeyId(), coffer.secretAccessKey(), RawRequests.REGION)
                .mode(mode);
        return trailer == null ? e : e.trailerChecksum(trailer);
    }

    private static ChecksumAlgorithm checksum(String name) {
        return DefaultChecksumAlgorithm.fromValue(name);
    }

    private static byte[] crc32(byte[] data) {
        SdkChecksum c = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC32);
        c.update(data, 0, data.length);
        return c.getChecksumBytes();
    }

    /** The sizes of the chunks of an aws-chunked body, the final empty one included. */
    private static List<Integer> chunkSizes(byte[] body) {
        List<Integer> sizes = new ArrayList<>();
        int pos = 0;
        while (true) {
            int eol = indexOf(body, "\r\n".getBytes(UTF_8), pos);
            String line = new String(body, pos, eol - pos, UTF_8);
            int size = Integer.parseInt(line.split(";", 2)[0], 16);
            sizes.add(size);
            if (size == 0) {
                return sizes;
            }
            pos = eol + 2 + size + 2;
        }
    }

    /** A copy of {@code body} with the first hex digit after the {@code n}th {@code marker} changed. */
    private static byte[] flipHexDigitAfter(byte[] body, String marker, int n) {
        byte[] m = marker.getBytes(UTF_8);
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = indexOf(body, m, at + 1);
        }
        byte[] copy = body.clone();
        int digit = at + m.length;
        copy[digit] = (byte) (copy[digit] == '0' ? '1' : '0');
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, UTF_8));
    }
}
