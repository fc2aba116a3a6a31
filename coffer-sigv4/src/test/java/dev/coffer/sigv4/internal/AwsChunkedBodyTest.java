package dev.coffer.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.PayloadMode;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Framing, limits and S3's chunk rules of the aws-chunked decoder, on hand-made bodies. */
class AwsChunkedBodyTest {
    private static final PayloadClaim UNSIGNED_TRAILER = BodyPlanTest.UNSIGNED_TRAILER;
    private static final PayloadClaim SIGNED = new PayloadClaim(PayloadMode.STREAMING_SIGNED,
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Optional.empty());
    private static final byte[] KEY = new byte[32];
    private static final String DATE = "20240524T120000Z";
    private static final String SCOPE = "20240524/us-east-1/s3/aws4_request";
    private static final String SEED = "a".repeat(64);

    @Test
    void read_withUnsignedChunks_decodesAndIgnoresExtensions() throws Exception {
        byte[] wire = ascii("3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");

        assertThat(unsigned(wire, 5).readAllBytes()).isEqualTo(ascii("abcde"));
    }

    @Test
    void read_withoutTheClosingCrlf_isTolerated() throws Exception {
        assertThat(unsigned(ascii("3\r\nabc\r\n0\r\n"), 3).readAllBytes()).isEqualTo(ascii("abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "zz\r\nabc\r\n0\r\n\r\n",             // not hex
        "10000000000000000\r\n",              // 17 hex digits
        "\r\nabc\r\n0\r\n\r\n",                // no size at all
        "3\nabc\r\n0\r\n\r\n",                 // LF without CR
        "3\r\nabcX\r\n0\r\n\r\n",              // no CRLF after the data
        "3\r\nabc\r\n0\r\n\r\nextra",          // bytes after the end
    })
    void read_withBrokenFraming_failsWithMalformedChunkedBody(String wire) {
        assertFails(unsigned(ascii(wire), -1), SigV4Error.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void read_withEndlessSizeLine_failsBeforeBufferingIt() {
        byte[] wire = ascii("0".repeat(100_000));

        assertFails(unsigned(wire, -1), SigV4Error.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void read_withMoreDataThanDecodedContentLength_fails() {
        assertFails(unsigned(ascii("3\r\nabc\r\n0\r\n\r\n"), 2), SigV4Error.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void read_withLessDataThanDecodedContentLength_failsWithIncompleteBody() {
        assertFails(unsigned(ascii("3\r\nabc\r\n0\r\n\r\n"), 4), SigV4Error.INCOMPLETE_BODY);
    }

    @Test
    void read_withEndlessTrailer_failsWithMalformedTrailer() {
        byte[] wire = ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:" + "A".repeat(5000) + "\r\n\r\n");

        assertFails(unsigned(wire, 3), SigV4Error.MALFORMED_TRAILER);
    }

    @Test
    void read_withTooManyTrailerLines_failsWithMalformedTrailer() {
        byte[] wire = ascii("0\r\n" + "x-amz-checksum-crc32:AAAAAA==\r\n".repeat(20) + "\r\n");

        assertFails(unsigned(wire, 0), SigV4Error.MALFORMED_TRAILER);
    }

    @Test
    void read_withSignedChunksOfS3Sizes_verifiesTheChain() throws Exception {
        byte[] data = new byte[8192 + 100];
        byte[] wire = signedBody(data, 8192, 100);

        assertThat(signed(wire).readAllBytes()).isEqualTo(data);
    }

    @Test
    void read_withSmallSignedChunkBeforeTheLast_failsWithInvalidChunkSize() {
        byte[] wire = signedBody(new byte[8191 + 10], 8191, 10);

        assertThatThrownBy(() -> signed(wire).readAllBytes()).isInstanceOfSatisfying(SigV4Exception.class, e -> {
            assertThat(e.error()).isEqualTo(SigV4Error.INVALID_CHUNK_SIZE);
            assertThat(e.getMessage()).isEqualTo("Only the last chunk is allowed to have a size less than 8192 bytes");
        });
    }

    @Test
    void read_withSignedChunkMissingItsSignature_failsWithMalformedChunkedBody() {
        assertFails(signed(ascii("3\r\nabc\r\n0\r\n\r\n")), SigV4Error.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void read_afterAFailure_failsAgainWithTheSameError() {
        var body = unsigned(ascii("zz\r\n"), -1);
        assertFails(body, SigV4Error.MALFORMED_CHUNKED_BODY);

        assertFails(body, SigV4Error.MALFORMED_CHUNKED_BODY);
        assertThat(body.isComplete()).isFalse();
        assertThatThrownBy(body::checksums).isInstanceOf(IllegalStateException.class);
    }

    private static AwsChunkedBody unsigned(byte[] wire, long decodedLength) {
        Optional<ChecksumAlgorithm> trailer = new String(wire, StandardCharsets.US_ASCII).contains("x-amz-checksum")
                ? Optional.of(ChecksumAlgorithm.CRC32) : Optional.empty();
        BodyPlan plan = new BodyPlan(UNSIGNED_TRAILER, -1, decodedLength, trailer, Optional.empty(), Optional.empty(),
                Optional.empty());
        return new AwsChunkedBody(new ByteArrayInputStream(wire), plan, Set.of());
    }

    private static AwsChunkedBody signed(byte[] wire) {
        BodyPlan plan = new BodyPlan(SIGNED, -1, -1, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new BodyPlan.ChunkSigning(Secret.copyOf(KEY), DATE, SCOPE, SEED)));
        return new AwsChunkedBody(new ByteArrayInputStream(wire), plan, Set.of());
    }

    /** Signs chunks of the given sizes with a chain computed here, independently of the code under test. */
    private static byte[] signedBody(byte[] data, int... sizes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String previous = SEED;
            int off = 0;
            int[] all = java.util.Arrays.copyOf(sizes, sizes.length + 1);
            for (int size : all) {
                byte[] chunk = java.util.Arrays.copyOfRange(data, off, off + size);
                off += size;
                String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + DATE + "\n" + SCOPE + "\n" + previous + "\n"
                        + Crypto.EMPTY_SHA256 + "\n" + HexFormat.of().formatHex(Crypto.sha256(chunk));
                previous = HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
                out.writeBytes(ascii(Integer.toHexString(size) + ";chunk-signature=" + previous + "\r\n"));
                out.writeBytes(chunk);
                if (size > 0) {
                    out.writeBytes(ascii("\r\n"));
                }
            }
            out.writeBytes(ascii("\r\n"));
            return out.toByteArray();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertFails(AwsChunkedBody body, SigV4Error error) {
        assertThatThrownBy(body::readAllBytes).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
