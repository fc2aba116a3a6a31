package dev.coffer.crypto.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coffer.crypto.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OuterLayerCipherTest {
    private static final int SEG = OuterLayerCipher.SEGMENT_BYTES;
    private final SecureRandom random = new SecureRandom();
    private final Secret key = Secret.random(32, random);
    private final byte[] aad = "object".getBytes();

    private byte[] seal(byte[] inner) throws IOException {
        return seal(OuterLayerCipher.create(key), inner, aad, random);
    }

    private static byte[] seal(OuterLayerCipher cipher, byte[] inner, byte[] associatedData, SecureRandom random)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream s = cipher.encryptingStream(out, associatedData, random)) {
            s.write(inner);
        }
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed, byte[] associatedData, long from, int length) throws IOException {
        return open(OuterLayerCipher.create(key), sealed, associatedData, from, length);
    }

    private static byte[] open(OuterLayerCipher cipher, byte[] sealed, byte[] associatedData, long from, int length)
            throws IOException {
        try (SeekableByteChannel c = cipher.decryptingChannel(new MemoryChannel(sealed), associatedData)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            c.position(from);
            while (b.hasRemaining() && c.read(b) > 0) {
                // keep reading
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEG - 1, SEG, SEG + 1, 3 * SEG, 3 * SEG + 17})
    void roundTrip_atEverySegmentBoundary_andItsSizeIsTheDocumentedOne(int size) throws IOException {
        byte[] inner = new byte[size];
        random.nextBytes(inner);
        byte[] sealed = seal(inner);
        assertThat((long) sealed.length).isEqualTo(OuterLayerCipher.ciphertextSize(size));
        assertThat(open(sealed, aad, 0, size)).isEqualTo(inner);
        if (size > 10) {
            assertThat(open(sealed, aad, size - 10, 10)).isEqualTo(Arrays.copyOfRange(inner, size - 10, size));
        }
    }

    @Test
    void aFlippedBit_aWrongAssociatedData_aTruncation_orAnotherKey_failAuthentication() throws IOException {
        byte[] inner = new byte[2 * SEG + 5];
        random.nextBytes(inner);
        byte[] sealed = seal(inner);
        byte[] flipped = sealed.clone();
        flipped[OuterLayerCipher.HEADER_BYTES + SEG + 40] ^= 1;
        assertThatThrownBy(() -> open(flipped, aad, SEG + 10, 100)).isInstanceOf(BodyIntegrityException.class);
        assertThat(open(flipped, aad, 0, 100)).isEqualTo(Arrays.copyOf(inner, 100)); // other segments still read
        assertThatThrownBy(() -> open(sealed, "other".getBytes(), 0, 10)).isInstanceOf(BodyIntegrityException.class);
        byte[] truncated = Arrays.copyOf(sealed, OuterLayerCipher.HEADER_BYTES + 2 * (SEG + 16));
        assertThatThrownBy(() -> open(truncated, aad, SEG, 10)).isInstanceOf(BodyIntegrityException.class);
        OuterLayerCipher other = OuterLayerCipher.create(Secret.random(32, random));
        assertThatThrownBy(() -> {
            try (SeekableByteChannel c = other.decryptingChannel(new MemoryChannel(sealed), aad)) {
                c.read(ByteBuffer.allocate(1));
            }
        }).isInstanceOf(BodyIntegrityException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEG, SEG + 1, 3 * SEG + 17})
    void aBodySealedWithOneAesGcm_opensWithTheOther_andTheBytesAreTheSame(int size) throws IOException {
        assumeTrue(OuterGcm.corretto().isPresent(), "ACCP does not load here");
        OuterLayerCipher accp = OuterLayerCipher.create(key, OuterGcm.corretto().orElseThrow());
        OuterLayerCipher bouncyCastle = OuterLayerCipher.create(key, OuterGcm.bouncyCastle());
        byte[] inner = new byte[size];
        random.nextBytes(inner);
        byte[] byAccp = seal(accp, inner, aad, new CountingRandom());
        byte[] byBouncyCastle = seal(bouncyCastle, inner, aad, new CountingRandom());
        assertThat(byAccp).isEqualTo(byBouncyCastle);
        assertThat(open(bouncyCastle, byAccp, aad, 0, size)).isEqualTo(inner);
        assertThat(open(accp, byBouncyCastle, aad, 0, size)).isEqualTo(inner);
        if (size >= SEG + 3) {
            byte[] acrossTheBoundary = Arrays.copyOfRange(inner, SEG - 3, SEG + 3);
            assertThat(open(bouncyCastle, byAccp, aad, SEG - 3, 6)).isEqualTo(acrossTheBoundary);
        }
    }

    /**
     * Frozen format: the SHA-256 of version-1 bodies as the first implementation (BouncyCastle only) wrote them, from
     * a fixed key, salt and nonce prefix. Every implementation must write these bytes and read them back.
     */
    @ParameterizedTest
    @CsvSource({
        "0, 40, c112b5fe552d4b49bb81f19ecafe3c089dfc6726c43651cb903144ebaf1baba0",
        "100, 140, d02b6c76fe5744aa3db37d3d88e447bcc7c570aa7add61b5ebacedd07d5e4bee",
        "65636, 65692, 5267c8662b5c0d6508f0f8f93a0d404065df097465837185560e9b18b6694de6",
    })
    void knownAnswer_version1Body_isWrittenAndReadByEveryImplementation(int size, int stored, String sha256)
            throws IOException, GeneralSecurityException {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) i;
        }
        byte[] inner = new byte[size];
        for (int i = 0; i < size; i++) {
            inner[i] = (byte) (i * 31 + 7);
        }
        byte[] bucketKeyAad = "bucket/key/v1".getBytes();
        for (OuterGcm gcm : OuterGcmTest.implementations().toList()) {
            try (Secret kat = Secret.copyOf(k)) {
                OuterLayerCipher cipher = OuterLayerCipher.create(kat, gcm);
                byte[] sealed = seal(cipher, inner, bucketKeyAad, new CountingRandom());
                assertThat(sealed).as(gcm.name()).hasSize(stored);
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sealed)))
                        .as(gcm.name()).isEqualTo(sha256);
                assertThat(open(cipher, sealed, bucketKeyAad, 0, size)).as(gcm.name()).isEqualTo(inner);
            }
        }
    }

    /** Fills every request with the next bytes of 0x40, 0x41, …: the salt and nonce prefix of the vectors above. */
    private static final class CountingRandom extends SecureRandom {
        private byte next = 0x40;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = next++;
            }
        }
    }
}
