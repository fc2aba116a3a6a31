package dev.coffer.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AesGcmTest {
    private final SecureRandom random = new SecureRandom();
    private final AesGcm aesGcm = new AesGcm(random);
    private final Secret key = Secret.random(32, random);

    @Test
    void open_ofSealed_returnsPlaintext() throws Exception {
        byte[] sealed = aesGcm.seal(key, "hello".getBytes(UTF_8), "aad".getBytes(UTF_8));
        assertThat(sealed).hasSize(5 + AesGcm.OVERHEAD);
        assertThat(new String(aesGcm.open(key, sealed, "aad".getBytes(UTF_8)), UTF_8)).isEqualTo("hello");
    }

    @Test
    void open_withOtherAad_fails() {
        byte[] sealed = aesGcm.seal(key, "hello".getBytes(UTF_8), "a".getBytes(UTF_8));
        assertThatThrownBy(() -> aesGcm.open(key, sealed, "b".getBytes(UTF_8)))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void open_withAnyFlippedBit_fails() {
        byte[] sealed = aesGcm.seal(key, "hello".getBytes(UTF_8), new byte[0]);
        for (int i = 0; i < sealed.length * 8; i++) {
            byte[] tampered = sealed.clone();
            tampered[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> aesGcm.open(key, tampered, new byte[0])).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void open_ofTruncated_fails() {
        byte[] sealed = aesGcm.seal(key, "hello".getBytes(UTF_8), new byte[0]);
        for (int n = 0; n < sealed.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(sealed, n);
            assertThatThrownBy(() -> aesGcm.open(key, cut, new byte[0])).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void open_withOtherKey_fails() {
        byte[] sealed = aesGcm.seal(key, "hello".getBytes(UTF_8), new byte[0]);
        assertThatThrownBy(() -> aesGcm.open(Secret.random(32, random), sealed, new byte[0]))
                .isInstanceOf(CryptoException.class);
    }
}
