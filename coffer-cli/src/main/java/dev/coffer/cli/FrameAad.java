package dev.coffer.cli;

import com.amazonaws.encryptionsdk.internal.Constants;
import com.amazonaws.encryptionsdk.model.CiphertextHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The additional authenticated data of a message's frames: the message id, "AWSKMSEncryptionClient Frame" (or
 * "… Final Frame" for the last), the frame's sequence number (4 bytes) and its content length (8 bytes),
 * big-endian, as the AWS Encryption SDK builds it; and of its header ({@link #header}).
 */
final class FrameAad {
    private final byte[] regularPrefix;
    private final byte[] finalPrefix;

    FrameAad(byte[] messageId) {
        this.regularPrefix = concat(messageId, Constants.FRAME_STRING_ID.getBytes(StandardCharsets.UTF_8));
        this.finalPrefix = concat(messageId, Constants.FINAL_FRAME_STRING_ID.getBytes(StandardCharsets.UTF_8));
    }

    byte[] regular(long frame, long length) {
        return aad(regularPrefix, frame, length);
    }

    byte[] last(long frame, long length) {
        return aad(finalPrefix, frame, length);
    }

    /** The header tag's AAD: the header's fields, then the serialized authenticated-only encryption context. */
    static byte[] header(CiphertextHeaders headers, byte[] authenticatedOnly) {
        return concat(headers.serializeAuthenticatedFields(), authenticatedOnly);
    }

    private static byte[] aad(byte[] prefix, long frame, long length) {
        byte[] aad = Arrays.copyOf(prefix, prefix.length + 12);
        int at = prefix.length;
        for (int i = 3; i >= 0; i--) {
            aad[at++] = (byte) (frame >>> (8 * i));
        }
        for (int i = 7; i >= 0; i--) {
            aad[at++] = (byte) (length >>> (8 * i));
        }
        return aad;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public String toString() {
        return "FrameAad[" + regularPrefix.length + "-byte prefix]";
    }
}
