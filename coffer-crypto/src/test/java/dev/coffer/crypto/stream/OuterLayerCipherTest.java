package dev.coffer.crypto.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OuterLayerCipherTest {
    private static final int SEG = OuterLayerCipher.SEGMENT_BYTES;
    private final SecureRandom random = new SecureRandom();
    private final Secret key = Secret.random(32, random);
    private final byte[] aad = "object".getBytes();

    private byte[] seal(byte[] inner) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream s = OuterLayerCipher.create(key).encryptingStream(out, aad, random)) {
            s.write(inner);
        }
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed, byte[] associatedData, long from, int length) throws IOException {
        try (SeekableByteChannel c = OuterLayerCipher.create(key).decryptingChannel(new MemoryChannel(sealed), associatedData)) {
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
}
