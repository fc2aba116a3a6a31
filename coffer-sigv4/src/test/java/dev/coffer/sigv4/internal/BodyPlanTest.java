package dev.coffer.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.PayloadMode;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyPlanTest {
    static final PayloadClaim UNSIGNED_TRAILER = new PayloadClaim(PayloadMode.STREAMING_UNSIGNED_TRAILER,
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER", Optional.empty());

    @Test
    void parse_withAnnouncedTrailer_expectsThatChecksum() {
        BodyPlan plan = BodyPlan.parse(UNSIGNED_TRAILER, Headers.of("x-amz-trailer", " X-Amz-Checksum-CRC32C ",
                "x-amz-decoded-content-length", "10", "x-amz-sdk-checksum-algorithm", "CRC32C"), null);

        assertThat(plan.trailer()).contains(ChecksumAlgorithm.CRC32C);
        assertThat(plan.declaredChecksum()).contains(ChecksumAlgorithm.CRC32C);
        assertThat(plan.decodedContentLength()).isEqualTo(10);
        assertThat(plan.chunkSigning()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x-amz-trailer|x-amz-checksum-md5|The value specified in the x-amz-trailer header is not supported",
        "x-amz-trailer|x-amz-checksum-crc32,x-amz-checksum-sha1|Expecting a single x-amz-checksum- header",
        "x-amz-decoded-content-length|-5|x-amz-decoded-content-length must be a non-negative integer.",
    })
    void parse_withBadTrailerHeaders_fails(String name, String value, String message) {
        assertThatThrownBy(() -> BodyPlan.parse(UNSIGNED_TRAILER, Headers.of(name, value), null))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.getMessage()).isEqualTo(message));
    }

    @Test
    void parse_withChecksumHeaderAndTrailer_failsWithInvalidRequest() {
        Headers h = Headers.of("x-amz-trailer", "x-amz-checksum-crc32", "x-amz-checksum-crc32", "BI4PvA==");

        assertThatThrownBy(() -> BodyPlan.parse(UNSIGNED_TRAILER, h, null))
                .isInstanceOfSatisfying(SigV4Exception.class,
                        e -> assertThat(e.error()).isEqualTo(SigV4Error.INVALID_REQUEST));
    }
}
