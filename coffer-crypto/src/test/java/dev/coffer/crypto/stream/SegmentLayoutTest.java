package dev.coffer.crypto.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentLayoutTest {
    /** 4 KiB segments: P = 4080 plaintext bytes per segment, 4040 in segment 0. */
    private static final SegmentLayout LAYOUT = new SegmentLayout(40, 4096, 16);
    private static final int P = 4080;
    private static final int P0 = 4040;

    /** Every size on and around the first four segment boundaries. */
    static Stream<Long> boundarySizes() {
        return LongStream.of(0, 1, 2, P0 - 1, P0, P0 + 1, P0 + P - 1, P0 + P, P0 + P + 1,
                P0 + 2L * P - 1, P0 + 2L * P, P0 + 2L * P + 1, P0 + 3L * P).boxed();
    }

    @ParameterizedTest
    @MethodSource("boundarySizes")
    void ciphertextSize_matchesWhatTinkWrites(long plaintextSize) throws Exception {
        try (Secret dek = Secret.wrap(new byte[32])) {
            BodyCipher cipher = BodyCipher.create(dek, new BodyParameters(4096));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream enc = cipher.encryptingStream(out, new byte[0])) {
                enc.write(new byte[(int) plaintextSize]);
            }
            assertThat(LAYOUT.ciphertextSize(plaintextSize)).isEqualTo(out.size());
        }
    }

    @Test
    void segmentCount_growsExactlyAtEachBoundary() {
        assertThat(LAYOUT.segmentCount(0)).isEqualTo(1);
        assertThat(LAYOUT.segmentCount(P0)).isEqualTo(1);
        assertThat(LAYOUT.segmentCount(P0 + 1)).isEqualTo(2);
        assertThat(LAYOUT.segmentCount(P0 + P)).isEqualTo(2);
        assertThat(LAYOUT.segmentCount(P0 + P + 1)).isEqualTo(3);
    }

    @Test
    void segmentOf_switchesSegmentOnTheBoundaryByte() {
        assertThat(LAYOUT.segmentOf(0)).isZero();
        assertThat(LAYOUT.segmentOf(P0 - 1)).isZero();
        assertThat(LAYOUT.segmentOf(P0)).isEqualTo(1);
        assertThat(LAYOUT.segmentOf(P0 + P - 1)).isEqualTo(1);
        assertThat(LAYOUT.segmentOf(P0 + P)).isEqualTo(2);
        assertThat(LAYOUT.plaintextStart(1)).isEqualTo(P0);
        assertThat(LAYOUT.plaintextStart(2)).isEqualTo(P0 + P);
        assertThat(LAYOUT.ciphertextStart(0)).isEqualTo(40);
        assertThat(LAYOUT.ciphertextStart(1)).isEqualTo(4096);
        assertThat(LAYOUT.ciphertextStart(2)).isEqualTo(8192);
    }

    @Test
    void span_ofOneByteOnEachSideOfABoundary_coversOneSegmentEach() {
        long size = P0 + 2L * P + 100;
        SegmentLayout.Span before = LAYOUT.span(size, P0 - 1, P0 - 1);
        SegmentLayout.Span after = LAYOUT.span(size, P0, P0);
        assertThat(before.segments()).isEqualTo(1);
        assertThat(before.ciphertextStart()).isEqualTo(40);
        assertThat(before.ciphertextEnd()).isEqualTo(4096);
        assertThat(before.skip()).isEqualTo(P0 - 1);
        assertThat(after.firstSegment()).isEqualTo(1);
        assertThat(after.ciphertextStart()).isEqualTo(4096);
        assertThat(after.ciphertextEnd()).isEqualTo(8192);
        assertThat(after.skip()).isZero();
        assertThat(after.finalSegment()).isEqualTo(3);
    }

    @Test
    void span_acrossABoundary_coversBothSegments_andEndsAtTheLastSegmentsTag() {
        long size = P0 + P + 10;
        SegmentLayout.Span span = LAYOUT.span(size, P0 - 1, size - 1);
        assertThat(span.firstSegment()).isZero();
        assertThat(span.lastSegment()).isEqualTo(2);
        assertThat(span.ciphertextEnd()).isEqualTo(LAYOUT.ciphertextSize(size));
        assertThat(span.length()).isEqualTo(size - P0 + 1);
    }

    @Test
    void span_ofEmptyPlaintext_coversItsOneEmptySegment() {
        SegmentLayout.Span span = LAYOUT.span(0, 0, -1);
        assertThat(span.segments()).isEqualTo(1);
        assertThat(span.ciphertextStart()).isEqualTo(40);
        assertThat(span.ciphertextEnd()).isEqualTo(56);
        assertThat(span.length()).isZero();
    }

    @Test
    void span_outsideThePlaintext_isRefused() {
        assertThatThrownBy(() -> LAYOUT.span(10, 5, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LAYOUT.span(10, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LAYOUT.span(10, -1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layout_thatCannotHoldPlaintext_cannotBeMade() {
        assertThatThrownBy(() -> new SegmentLayout(40, 56, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BodyParameters(1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
