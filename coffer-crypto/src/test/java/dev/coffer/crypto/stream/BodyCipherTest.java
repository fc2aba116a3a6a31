package dev.coffer.crypto.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BodyCipherTest {
    private static final BodyParameters SMALL = new BodyParameters(4096);
    private static final int P = 4080;
    private static final int P0 = 4040;
    private static final byte[] AAD = "bucket/key/v1".getBytes(UTF_8);

    private final Secret dek = Secret.wrap(bytes(32, 7));
    private final BodyCipher cipher = BodyCipher.create(dek, SMALL);

    @AfterEach
    void zero() {
        dek.close();
    }

    @Test
    void decrypt_ofEncrypted_returnsThePlaintext_atEveryBoundarySize() throws IOException {
        for (int size : new int[] {0, 1, P0 - 1, P0, P0 + 1, P0 + P, P0 + P + 1, P0 + 3 * P}) {
            byte[] plaintext = bytes(size, size);
            byte[] ciphertext = encrypt(cipher, plaintext, AAD);
            assertThat(decrypt(ciphertext, size, 0, size - 1, AAD)).as("size %d", size).isEqualTo(plaintext);
        }
    }

    @Test
    void decrypt_ofEveryRangeBetweenBoundaryOffsets_returnsExactlyThatSlice() throws IOException {
        int size = P0 + 2 * P + 123;
        byte[] plaintext = bytes(size, 3);
        byte[] ciphertext = encrypt(cipher, plaintext, AAD);
        List<Integer> offsets = List.of(0, 1, P0 - 1, P0, P0 + 1, P0 + P - 1, P0 + P, P0 + P + 1, size - 2, size - 1);
        for (int first : offsets) {
            for (int last : offsets) {
                if (last < first) {
                    continue;
                }
                assertThat(decrypt(ciphertext, size, first, last, AAD)).as("%d-%d", first, last)
                        .isEqualTo(Arrays.copyOfRange(plaintext, first, last + 1));
            }
        }
    }

    @Test
    void oneByteFromTheMiddle_readsTheHeaderAndOneSegmentOnly() throws IOException {
        int size = 200 * P;
        byte[] plaintext = bytes(size, 5);
        MemoryChannel channel = new MemoryChannel(encrypt(cipher, plaintext, AAD));
        try (InputStream in = cipher.decryptingStream(channel, size, size / 2, size / 2, AAD)) {
            assertThat(in.readAllBytes()).containsExactly(plaintext[size / 2]);
        }
        assertThat(channel.bytesRead()).isLessThanOrEqualTo(BodyCipher.HEADER_BYTES + 4096);
    }

    @Test
    void flippedBit_failsTheSegment_andTheStreamRefusesEveryLaterRead() throws IOException {
        int size = P0 + 2 * P;
        byte[] ciphertext = encrypt(cipher, bytes(size, 1), AAD);
        ciphertext[4096 + 100] ^= 0x01;
        InputStream in = cipher.decryptingStream(new MemoryChannel(ciphertext), size, 0, size - 1, AAD);
        assertThat(in.readNBytes(P0)).hasSize(P0);
        assertThatThrownBy(in::read).isInstanceOf(BodyIntegrityException.class);
        assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(BodyIntegrityException.class);
        assertThatThrownBy(in::read).isInstanceOf(BodyIntegrityException.class);
    }

    @Test
    void droppedSegment_fails() throws IOException {
        int size = P0 + 3 * P;
        byte[] ciphertext = encrypt(cipher, bytes(size, 2), AAD);
        byte[] dropped = concat(Arrays.copyOfRange(ciphertext, 0, 4096),
                Arrays.copyOfRange(ciphertext, 8192, ciphertext.length));
        assertThatThrownBy(() -> cipher.decryptingStream(new MemoryChannel(dropped), size, 0, size - 1, AAD))
                .isInstanceOf(BodyIntegrityException.class);
        assertThatThrownBy(() -> readAll(dropped, size - P))
                .isInstanceOf(BodyIntegrityException.class);
    }

    @Test
    void swappedSegments_fail() throws IOException {
        int size = P0 + 3 * P;
        byte[] ciphertext = encrypt(cipher, bytes(size, 4), AAD);
        byte[] swapped = concat(Arrays.copyOfRange(ciphertext, 0, 4096), Arrays.copyOfRange(ciphertext, 8192, 12288),
                Arrays.copyOfRange(ciphertext, 4096, 8192), Arrays.copyOfRange(ciphertext, 12288, ciphertext.length));
        assertThatThrownBy(() -> readAll(swapped, size)).isInstanceOf(BodyIntegrityException.class);
    }

    @Test
    void truncatedBody_failsEvenWhenItsSizeIsClaimedToMatch() throws IOException {
        int size = P0 + 2 * P;
        byte[] ciphertext = encrypt(cipher, bytes(size, 6), AAD);
        byte[] truncated = Arrays.copyOf(ciphertext, 8192);
        assertThatThrownBy(() -> readAll(truncated, size)).isInstanceOf(BodyIntegrityException.class);
        // Claiming the shorter size makes the sizes agree; the segment that was not sealed as last then fails.
        assertThatThrownBy(() -> readAll(truncated, P0 + P)).isInstanceOf(BodyIntegrityException.class);
        byte[] cutInSegment = Arrays.copyOf(ciphertext, ciphertext.length - 1);
        assertThatThrownBy(() -> readAll(cutInSegment, size - 1)).isInstanceOf(BodyIntegrityException.class);
    }

    @Test
    void wrongAssociatedData_orWrongKey_fails() throws IOException {
        byte[] ciphertext = encrypt(cipher, bytes(100, 8), AAD);
        assertThatThrownBy(() -> decrypt(ciphertext, 100, 0, 99, "bucket/other/v1".getBytes(UTF_8)))
                .isInstanceOf(BodyIntegrityException.class);
        try (Secret other = Secret.wrap(bytes(32, 9))) {
            BodyCipher wrongKey = BodyCipher.create(other, SMALL);
            assertThatThrownBy(() -> wrongKey.decryptingStream(new MemoryChannel(ciphertext), 100, 0, 99, AAD)
                    .readAllBytes()).isInstanceOf(BodyIntegrityException.class);
        }
    }

    @Test
    void emptyBody_withAlteredTag_fails() throws IOException {
        byte[] ciphertext = encrypt(cipher, new byte[0], AAD);
        assertThat(ciphertext).hasSize(BodyCipher.HEADER_BYTES + BodyCipher.TAG_BYTES);
        ciphertext[ciphertext.length - 1] ^= 1;
        assertThatThrownBy(() -> decrypt(ciphertext, 0, 0, -1, AAD)).isInstanceOf(BodyIntegrityException.class);
    }

    /** Frozen format: a body written by version 1 must stay readable forever. */
    @Test
    void knownAnswer_version1Body_decrypts() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("body-v1.txt")) {
            lines = new String(in.readAllBytes(), UTF_8).lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .toList();
        }
        HexFormat hex = HexFormat.of();
        try (Secret key = Secret.wrap(hex.parseHex(lines.get(0)))) {
            BodyCipher kat = BodyCipher.create(key, new BodyParameters(Integer.parseInt(lines.get(1))));
            byte[] aad = hex.parseHex(lines.get(2));
            byte[] plaintext = hex.parseHex(lines.get(3));
            byte[] ciphertext = hex.parseHex(lines.get(4));
            try (InputStream in = kat.decryptingStream(new MemoryChannel(ciphertext), plaintext.length, 0,
                    plaintext.length - 1, aad)) {
                assertThat(in.readAllBytes()).isEqualTo(plaintext);
            }
        }
    }

    private byte[] readAll(byte[] ciphertext, long claimedSize) throws IOException {
        return decrypt(ciphertext, claimedSize, 0, claimedSize - 1, AAD);
    }

    private byte[] decrypt(byte[] ciphertext, long size, long first, long last, byte[] aad) throws IOException {
        try (InputStream in = cipher.decryptingStream(new MemoryChannel(ciphertext), size, first, last, aad)) {
            return in.readAllBytes();
        }
    }

    static byte[] encrypt(BodyCipher cipher, byte[] plaintext, byte[] aad) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = cipher.encryptingStream(out, aad)) {
            // Odd-sized writes, so that segment boundaries fall inside writes.
            for (int i = 0; i < plaintext.length; i += 1000) {
                enc.write(plaintext, i, Math.min(1000, plaintext.length - i));
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
