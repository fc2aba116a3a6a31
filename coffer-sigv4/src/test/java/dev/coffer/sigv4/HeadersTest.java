package dev.coffer.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void all_ignoresCaseAndKeepsArrivalOrder() {
        Headers h = Headers.builder().add("X-Foo", "b").add("x-foo", "a").add("Host", "h").build();

        assertThat(h.all("X-FOO")).containsExactly("b", "a");
        assertThat(h.first("host")).contains("h");
        assertThat(h.names()).containsExactly("x-foo", "host");
    }

    @Test
    void toString_showsNamesOnly() {
        Headers h = Headers.of("Authorization", "AWS4-HMAC-SHA256 Credential=secret-ish");

        assertThat(h.toString()).isEqualTo("Headers[authorization]").doesNotContain("Credential");
    }
}
