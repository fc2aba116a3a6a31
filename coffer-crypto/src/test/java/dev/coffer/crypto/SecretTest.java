package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void toString_printsOnlyTheLength() {
        Secret s = Secret.copyOf(new byte[] {0x41, 0x42, 0x43});
        assertThat(s.toString()).isEqualTo("Secret[3 bytes]");
    }

    @Test
    void close_zeroesTheBytesAndRefusesReads() {
        byte[] raw = {1, 2, 3};
        Secret s = Secret.wrap(raw);
        s.close();
        assertThat(raw).containsOnly(0);
        assertThatThrownBy(s::revealBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void equalsConstantTime_comparesContent() {
        assertThat(Secret.copyOf(new byte[] {1, 2}).equalsConstantTime(Secret.copyOf(new byte[] {1, 2}))).isTrue();
        assertThat(Secret.copyOf(new byte[] {1, 2}).equalsConstantTime(Secret.copyOf(new byte[] {1, 3}))).isFalse();
    }
}
