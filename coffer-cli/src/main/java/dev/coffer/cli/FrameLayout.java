package dev.coffer.cli;

import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import dev.coffer.crypto.GcmCipher;
import javax.crypto.Cipher;

/**
 * Where the frames of a framed AWS Encryption SDK message body begin and end. Every frame but the last is
 * {@code sequence number (4) | IV (12) | ciphertext (frame length) | tag (16)}; the final one is
 * {@code 0xFFFFFFFF (4) | sequence number (4) | IV (12) | content length (4) | ciphertext | tag (16)}, its content
 * length at most the frame length. The decryptor and the signature's hash both walk a body with it, so they agree
 * on where the body ends.
 */
record FrameLayout(int frameLength) {
    static final int IV = 12;
    static final int TAG = 16;
    /** The sequence number a final frame starts with. */
    static final int FINAL_MARKER = 0xFFFFFFFF;
    static final int REGULAR_HEADER = 4 + IV;
    static final int FINAL_HEADER = 4 + 4 + IV + 4;
    /** The largest frame length read here; larger frames go to the SDK's own decryptor. */
    static final int MAX_FRAME_LENGTH = 16 << 20;

    FrameLayout {
        if (frameLength < 1 || frameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame length " + frameLength);
        }
    }

    /** Bytes of every frame but the final one. */
    int regularSize() {
        return REGULAR_HEADER + frameLength + TAG;
    }

    /** The most bytes the final frame can take. */
    int maxFinalSize() {
        return FINAL_HEADER + frameLength + TAG;
    }

    /**
     * The size of the frame at {@code pos}, or {@code -1} when the {@code available} bytes from {@code pos} are
     * too few to tell (4 for a regular frame, {@value #FINAL_HEADER} for the final one).
     *
     * @throws BadCiphertextException if the final frame's content length is negative or above the frame length
     */
    int sizeAt(byte[] bytes, int pos, int available) {
        if (available < 4) {
            return -1;
        }
        if (intAt(bytes, pos) != FINAL_MARKER) {
            return regularSize();
        }
        if (available < FINAL_HEADER) {
            return -1;
        }
        return FINAL_HEADER + finalContentLength(bytes, pos) + TAG;
    }

    /** Whether the frame at {@code pos} is the final one (its first 4 bytes must be there). */
    static boolean isFinal(byte[] bytes, int pos) {
        return intAt(bytes, pos) == FINAL_MARKER;
    }

    /** The content length of the final frame at {@code pos}, checked as the SDK checks it. */
    int finalContentLength(byte[] bytes, int pos) {
        int length = intAt(bytes, pos + FINAL_HEADER - 4);
        if (length < 0) {
            throw new BadCiphertextException("Invalid frame length in ciphertext");
        }
        if (length > frameLength) {
            throw new BadCiphertextException("Final frame length exceeds frame length.");
        }
        return length;
    }

    /** The message's cipher, for its frames and its header tag: AES-GCM, 12-byte IV, 16-byte tag. */
    static Cipher newCipher() {
        return GcmCipher.create();
    }

    static int intAt(byte[] b, int pos) {
        return (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | b[pos + 3] & 0xff;
    }
}
