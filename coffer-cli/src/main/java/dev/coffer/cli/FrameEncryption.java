package dev.coffer.cli;

import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.internal.Constants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts a message body into frames on every core and writes them in order, as the AWS Encryption SDK's
 * {@code FrameEncryptionHandler} lays them out: every full frame of plaintext is a regular frame, and the final
 * frame holds what is left (possibly nothing); frame {@code n}'s IV is {@code n} as 12 big-endian bytes.
 *
 * <p>Why not the SDK's own frame encryption: it runs on one thread and copies every byte several times; see
 * {@link FrameDecryption} for the measurements, which are the same both ways.
 */
final class FrameEncryption extends FramePipeline {
    private InputStream plaintext;

    /**
     * @param signedBytes given the frames as they are written, or {@code null} for an unsigned suite
     */
    FrameEncryption(SecretKey key, byte[] messageId, FrameLayout layout, MessageDigest signedBytes,
            Progress progress) {
        super(key, messageId, layout, signedBytes, progress);
    }

    /** Encrypts all of {@code plaintext} into frames written to {@code out}. */
    void run(InputStream plaintext, OutputStream out) throws IOException {
        this.plaintext = plaintext;
        run(true, this::read, this::encrypt, block -> {
            out.write(block.out, 0, block.outLength);
            if (signedBytes != null) {
                signedBytes.update(block.out, 0, block.outLength);
            }
        });
    }

    /** Reads up to a block of whole frames; a short read is the end, whose remainder is the final frame. */
    private void read(FrameBlock block) throws IOException {
        int want = plaintextBytes();
        int n = plaintext.readNBytes(block.in, 0, want);
        int regular = n / layout.frameLength();
        boolean last = n < want;
        // The SDK's limit: regular frames numbered below 2^32 - 1, the final one at most that. Checked before the
        // block is filled in: a failed block's frames are still written, and these must not be.
        long lastRegular = nextFrame + regular - 1;
        if ((regular > 0 && lastRegular >= Constants.MAX_FRAME_NUMBER)
                || (last && lastRegular + 1 > Constants.MAX_FRAME_NUMBER)) {
            throw new AwsCryptoException("Frame number exceeded the maximum allowed value.");
        }
        block.firstFrame = nextFrame;
        block.regular = regular;
        if (last) {
            block.finalLength = n % layout.frameLength();
            block.last = true;
        }
        nextFrame += regular + (last ? 1 : 0);
        progress.advance(n);
    }

    private void encrypt(FrameBlock block) {
        Cipher cipher = cipher();
        int frameLength = layout.frameLength();
        int regularSize = layout.regularSize();
        long frame = block.firstFrame;
        int at = 0;
        for (int i = 0; i < block.regular; i++, frame++) {
            putInt(block.out, at, (int) frame);
            int ivAt = at + 4;
            putIv(block.out, ivAt, frame);
            seal(cipher, block.in, i * frameLength, frameLength, block.out, ivAt, at + FrameLayout.REGULAR_HEADER,
                    aad.regular(frame, frameLength));
            at += regularSize;
        }
        if (block.hasFinal()) {
            putInt(block.out, at, FrameLayout.FINAL_MARKER);
            putInt(block.out, at + 4, (int) frame);
            int ivAt = at + 8;
            putIv(block.out, ivAt, frame);
            putInt(block.out, ivAt + FrameLayout.IV, block.finalLength);
            seal(cipher, block.in, block.regular * frameLength, block.finalLength, block.out, ivAt,
                    at + FrameLayout.FINAL_HEADER, aad.last(frame, block.finalLength));
            at += FrameLayout.FINAL_HEADER + block.finalLength + FrameLayout.TAG;
        }
        block.outLength = at;
    }

    private void seal(Cipher cipher, byte[] in, int inAt, int length, byte[] out, int ivAt, int outAt, byte[] aad) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(FrameLayout.TAG * 8, out, ivAt,
                    FrameLayout.IV));
            cipher.updateAAD(aad);
            cipher.doFinal(in, inAt, length, out, outAt);
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
    }

    /** The frame number, big-endian, in the last 8 of the IV's 12 bytes. */
    private static void putIv(byte[] out, int at, long frame) {
        putInt(out, at, 0);
        putInt(out, at + 4, (int) (frame >>> 32));
        putInt(out, at + 8, (int) frame);
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }
}
