package dev.coffer.sigv4;

import static dev.coffer.sigv4.SdkSigning.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Tamper tests on aws-chunked bodies the SDK produced: flip, swap, drop, truncate, forge. */
class ChunkedBodyTamperTest {
    /** Three full 128 KiB chunks and a short one, as the SDK cuts them. */
    private static final byte[] PAYLOAD = bytes(3 * 131072 + 5000);
    private final SigV4Verifier<String> verifier = SdkSigning.verifier();

    @Test
    void read_withTamperedChunkData_failsWithSignatureDoesNotMatch() {
        var signed = signedChunked();
        byte[] wire = signed.wireBody().clone();
        wire[wire.length / 2] ^= 0x01;

        assertFails(signed, wire, SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void read_withTamperedChunkSignature_failsWithSignatureDoesNotMatch() {
        var signed = signedChunked();
        byte[] wire = signed.wireBody().clone();
        int sig = indexOf(wire, "chunk-signature=", 0) + "chunk-signature=".length();
        wire[sig] = (byte) (wire[sig] == 'a' ? 'b' : 'a');

        assertFails(signed, wire, SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void read_withTamperedFinalChunkSignature_failsAtTheEnd() throws Exception {
        var signed = signedChunked();
        byte[] wire = signed.wireBody().clone();
        int last = lastIndexOf(wire, "0;chunk-signature=") + "0;chunk-signature=".length();
        wire[last] = (byte) (wire[last] == 'a' ? 'b' : 'a');
        VerifiedBody body = verifier.verify(signed.parts()).openBody(new ByteArrayInputStream(wire));

        byte[] buf = new byte[PAYLOAD.length];
        int got = body.readNBytes(buf, 0, PAYLOAD.length); // all data chunks verify
        assertThat(got).isEqualTo(PAYLOAD.length);
        assertThatThrownBy(body::read).isInstanceOfSatisfying(SigV4Exception.class,
                e -> assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH));
        assertThat(body.isComplete()).isFalse();
    }

    @Test
    void read_withTwoChunksSwapped_failsWithSignatureDoesNotMatch() {
        var signed = signedChunked();
        byte[] wire = signed.wireBody();
        int second = indexOf(wire, "20000;chunk-signature=", 1);
        int third = indexOf(wire, "20000;chunk-signature=", second + 1);
        int fourth = indexOf(wire, ";chunk-signature=", third + 10) - 4;
        byte[] swapped = concat(Arrays.copyOfRange(wire, 0, second), Arrays.copyOfRange(wire, third, fourth),
                Arrays.copyOfRange(wire, second, third), Arrays.copyOfRange(wire, fourth, wire.length));
        assertThat(swapped).hasSize(wire.length);

        assertFails(signed, swapped, SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void read_withTruncatedBody_failsWithIncompleteBody() {
        var signed = signedChunked();
        for (int cut : new int[] {10, 100_000, signed.wireBody().length - 120}) {
            assertFails(signed, Arrays.copyOf(signed.wireBody(), cut), SigV4Error.INCOMPLETE_BODY);
        }
    }

    @Test
    void read_withDataAfterTheFinalChunk_failsWithMalformedChunkedBody() {
        var signed = signedChunked();

        assertFails(signed, concat(signed.wireBody(), "x".getBytes(StandardCharsets.US_ASCII)),
                SigV4Error.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void read_withWrongUnsignedTrailerChecksum_failsWithBadDigest() {
        var signed = trailer(false);
        byte[] wire = replaceTrailerValue(signed.wireBody(), "AAAAAA==");

        assertThatThrownBy(() -> verifier.verify(signed.parts()).openBody(new ByteArrayInputStream(wire))
                .readAllBytes()).isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(SigV4Error.BAD_DIGEST);
                    assertThat(e.getMessage())
                            .isEqualTo("The CRC32 you specified did not match the calculated checksum.");
                });
    }

    @Test
    void read_withTamperedDataUnderUnsignedTrailer_failsWithBadDigest() {
        var signed = trailer(false);
        byte[] wire = signed.wireBody().clone();
        wire[wire.length / 2] ^= 0x01;

        assertFails(signed, wire, SigV4Error.BAD_DIGEST);
    }

    @Test
    void read_withForgedSignedTrailer_failsWithSignatureDoesNotMatch() {
        var signed = trailer(true);

        assertFails(signed, replaceTrailerValue(signed.wireBody(), "AAAAAA=="), SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void read_withMissingTrailer_failsWithMalformedTrailer() {
        var signed = trailer(false);
        byte[] wire = signed.wireBody();
        int t = lastIndexOf(wire, "x-amz-checksum-crc32:");
        byte[] cut = concat(Arrays.copyOf(wire, t), "\r\n".getBytes(StandardCharsets.US_ASCII));

        assertFails(signed, cut, SigV4Error.MALFORMED_TRAILER);
    }

    @Test
    void read_withUndeclaredTrailer_failsWithMalformedTrailer() {
        var signed = trailer(false);
        byte[] wire = signed.wireBody();
        int t = lastIndexOf(wire, "x-amz-checksum-crc32:");
        byte[] extra = concat(Arrays.copyOf(wire, t), "x-amz-meta-evil:1\r\n".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(wire, t, wire.length));

        assertFails(signed, extra, SigV4Error.MALFORMED_TRAILER);
    }

    private void assertFails(SdkSigning.Signed signed, byte[] wire, SigV4Error expected) {
        VerifiedRequest<String> v = verifier.verify(signed.parts());
        assertThatThrownBy(() -> Trickle.drain(v.openBody(new ByteArrayInputStream(wire)), 16384))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    private static SdkSigning.Signed signedChunked() {
        return SdkSigning.s3(SdkHttpMethod.PUT, "/big", PAYLOAD, b -> b
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    }

    private static SdkSigning.Signed trailer(boolean signedChunks) {
        return SdkSigning.s3(SdkHttpMethod.PUT, "/big", PAYLOAD, b -> b
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedChunks)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
    }

    private static byte[] replaceTrailerValue(byte[] wire, String value) {
        int start = lastIndexOf(wire, "x-amz-checksum-crc32:") + "x-amz-checksum-crc32:".length();
        int end = indexOf(wire, "\r\n", start);
        return concat(Arrays.copyOf(wire, start), value.getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(wire, end, wire.length));
    }

    private static int indexOf(byte[] hay, String needle, int from) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= hay.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }

    private static int lastIndexOf(byte[] hay, String needle) {
        int found = -1;
        int i = 0;
        try {
            while (true) {
                found = indexOf(hay, needle, i);
                i = found + 1;
            }
        } catch (AssertionError end) {
            if (found < 0) {
                throw end;
            }
            return found;
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
