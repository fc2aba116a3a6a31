package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../../../../etc/passwd", "0123456789abcdef0123456789abcde/",
            "ab/cd0123456789abcdef0123456789ab", "0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcde\u0000", "0123456789abcdef0123456789abcdeg", " 123456789abcdef0123456789abcdef"})
    void new_withUnsafeOrMalformedValue_isRefused(String value) {
        assertThatThrownBy(() -> new BlobId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BlobId.isValid(value)).isFalse();
    }

    @Test
    void random_producesValidDistinctIds() {
        SecureRandom random = new SecureRandom();
        BlobId a = BlobId.random(random);
        BlobId b = BlobId.random(random);
        assertThat(a.value()).hasSize(BlobId.HEX_LENGTH).matches("[0-9a-f]+");
        assertThat(a).isNotEqualTo(b);
        assertThat(new BlobId(a.value())).isEqualTo(a);
    }
}
