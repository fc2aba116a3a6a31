package dev.coffer.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifiedRequestTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aws-chunked|''",
        "aws-chunked,gzip|gzip",
        "gzip, AWS-Chunked|gzip",
        "gzip,br|gzip,br",
    })
    void storedContentEncoding_dropsAwsChunked(String header, String stored) {
        assertThat(VerifiedRequest.storedContentEncoding(header).orElse("")).isEqualTo(stored);
    }
}
