package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfAesGcmTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdfSha256_matchesRfc5869TestCase1() {
        byte[] okm = HkdfAesGcm.hkdfSha256(HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                HEX.parseHex("000102030405060708090a0b0c"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(HEX.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865");
    }

    @Test
    void open_ofSealed_returnsPlaintext_andFailsWithOtherAad() throws Exception {
        try (Secret key = Secret.wrap(new byte[32])) {
            byte[] salt = new byte[16];
            byte[] iv = new byte[12];
            byte[] pt = "abc".getBytes();
            byte[] out = new byte[pt.length + 16];
            HkdfAesGcm.seal(key, salt, new byte[] {1}, iv, new byte[] {9}, pt, 0, pt.length, out, 0);
            assertThat(HkdfAesGcm.open(key, salt, new byte[] {1}, iv, new byte[] {9}, out, 0, out.length)).isEqualTo(pt);
            assertThatThrownBy(() -> HkdfAesGcm.open(key, salt, new byte[] {1}, iv, new byte[] {8}, out, 0, out.length))
                    .isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> HkdfAesGcm.open(key, salt, new byte[] {2}, iv, new byte[] {9}, out, 0, out.length))
                    .isInstanceOf(CryptoException.class);
        }
    }
}
