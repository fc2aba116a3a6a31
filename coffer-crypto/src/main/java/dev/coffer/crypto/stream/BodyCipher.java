package dev.coffer.crypto.stream;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.StreamSegmentDecrypter;
import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Encrypts and decrypts object bodies: segmented streaming AEAD (the STREAM construction), implemented by
 * Tink's {@code AesGcmHkdfStreaming}, keyed by an object's data key (DEK). Truncation, reordering, splicing
 * and a wrong key or associated data all fail; a range read decrypts only the segments that cover it.
 *
 * <p><b>Body format, version 1 — frozen: stored on disk; never change it, add a version instead.</b>
 * <pre>
 *   byte      header length = 0x28 (40)
 *   byte[32]  salt            random per object
 *   byte[7]   nonce prefix    random per object
 *   segment 0 … n−1           AES-256-GCM(K, nonce_i, plaintext_i) ‖ tag (16 bytes)
 *
 *   K       = HKDF-SHA256(ikm = DEK, salt = salt, info = associated data), 32 bytes
 *   nonce_i = nonce prefix ‖ uint32_be(i) ‖ (i = n−1 ? 0x01 : 0x00)
 * </pre>
 * Segment sizes follow {@link SegmentLayout} with the header length 40 and tag length 16: every segment but
 * the last is {@link BodyParameters#ciphertextSegmentSize()} bytes of ciphertext, segment 0 counting the
 * header. The associated data (which object this body belongs to) is not stored; the reader supplies it.
 * Known-answer vectors: {@code src/test/resources/dev/coffer/crypto/stream/body-v1.txt}.
 *
 * <p>Thread-safe; each stream it makes is not. Tink keeps its own copy of the DEK for the life of this
 * object (it cannot be zeroed); keep a {@code BodyCipher} no longer than the request that needs it.
 */
public final class BodyCipher {
    /** The body format this class writes and reads. Never reuse a number for a different format. */
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_BYTES = 40;
    public static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;

    private final AesGcmHkdfStreaming tink;
    private final SegmentLayout layout;

    private BodyCipher(AesGcmHkdfStreaming tink, SegmentLayout layout) {
        this.tink = tink;
        this.layout = layout;
    }

    /** A cipher for one object's body under its 256-bit data key. */
    public static BodyCipher create(Secret dataKey, BodyParameters parameters) {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(parameters, "parameters");
        if (dataKey.length() != KEY_BYTES) {
            throw new IllegalArgumentException("data key must be 32 bytes, got " + dataKey.length());
        }
        try {
            AesGcmHkdfStreaming tink = new AesGcmHkdfStreaming(dataKey.revealBytes(), "HmacSha256", KEY_BYTES,
                    parameters.ciphertextSegmentSize(), 0);
            if (tink.getHeaderLength() != HEADER_BYTES) {
                throw new IllegalStateException("Tink's header is " + tink.getHeaderLength() + " bytes, the frozen "
                        + "format says " + HEADER_BYTES);
            }
            return new BodyCipher(tink, new SegmentLayout(HEADER_BYTES, parameters.ciphertextSegmentSize(), TAG_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM-HKDF streaming is unavailable", e);
        }
    }

    public SegmentLayout layout() {
        return layout;
    }

    /**
     * A stream that encrypts what is written to it into {@code ciphertext}. Closing it writes the last
     * segment and closes {@code ciphertext}; a body is complete only once the stream was closed.
     */
    public OutputStream encryptingStream(OutputStream ciphertext, byte[] associatedData) throws IOException {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(associatedData, "associatedData");
        try {
            return tink.newEncryptingStream(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM-HKDF streaming is unavailable", e);
        }
    }

    /**
     * A stream of plaintext bytes {@code first..last} (inclusive) of a body whose plaintext is
     * {@code plaintextSize} bytes, read from {@code ciphertext} (positioned as needed; closed with the stream).
     * It checks the ciphertext's size and the header before it returns, and authenticates each segment
     * before handing out any of its bytes; after the first failure every read throws
     * {@link BodyIntegrityException}. For an empty plaintext, pass {@code 0, -1}.
     *
     * @throws BodyIntegrityException if the ciphertext's size does not match or the header cannot be read
     */
    public InputStream decryptingStream(SeekableByteChannel ciphertext, long plaintextSize, long first, long last,
            byte[] associatedData) throws IOException {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(associatedData, "associatedData");
        SegmentLayout.Span span = layout.span(plaintextSize, first, last);
        long expected = layout.ciphertextSize(plaintextSize);
        if (ciphertext.size() != expected) {
            throw new BodyIntegrityException("stored body is " + ciphertext.size() + " bytes, expected " + expected);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        ciphertext.position(0);
        SegmentReader.readFully(ciphertext, header);
        header.flip();
        try {
            StreamSegmentDecrypter decrypter = tink.newStreamSegmentDecrypter();
            decrypter.init(header, associatedData);
            return new SegmentReader(ciphertext, layout, decrypter, plaintextSize, span);
        } catch (GeneralSecurityException e) {
            throw new BodyIntegrityException("stored body header is invalid", e);
        }
    }
}
