package dev.coffer.cli;

import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import com.amazonaws.encryptionsdk.internal.Constants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Decrypts the frames of a framed message body on every core and writes the plaintext in order.
 *
 * <p>A reader thread reads blocks of whole frames, checks their layout and that their sequence numbers count
 * 1, 2, 3…; a pool of workers decrypts blocks, each frame with AES-GCM under the message's derived key, the IV the
 * frame carries and the AAD the format defines (message id, "AWSKMSEncryptionClient Frame" or "… Final Frame",
 * the expected sequence number, the content length); the calling thread writes the blocks in order. A failure (a
 * frame that does not authenticate, a body cut short, a frame out of order) ends the run once the frames before it
 * are written, which is what the SDK's stream writes before the same failure.
 *
 * <p>Why not the SDK's own frame decryption: it runs on one thread and copies every byte several times (the
 * whole input of each call, each frame, each frame's plaintext); 1 GiB took ≥ 1.34 s of a decrypt that must fit
 * in 2.15 s to reach 500 MB/s (docs/PERFORMANCE.md, "Decrypt against encrypt"). AES-GCM itself runs at ~7 GB/s
 * per core here. Unlike the SDK (3.0.2), this checks the sequence numbers the frames carry: the SDK puts the
 * expected number in the AAD but ignores the stored one, so a flipped bit there went unnoticed in unsigned
 * messages.
 */
final class FrameDecryption extends FramePipeline {
    private static final String TRUNCATED = "Unable to process entire ciphertext.";

    private InputStream body;
    private volatile byte[] after;

    /**
     * @param signedBytes given the frames as they are read, or {@code null} for an unsigned suite
     */
    FrameDecryption(SecretKey key, byte[] messageId, FrameLayout layout, MessageDigest signedBytes,
            Progress progress) {
        super(key, messageId, layout, signedBytes, progress);
    }

    /**
     * Decrypts the body read from {@code body} (which starts with the first frame) to {@code out}; returns the
     * bytes read past the final frame (the start of the footer, or whatever follows the message).
     */
    byte[] run(InputStream body, OutputStream out) throws IOException {
        this.body = body;
        run(false, this::read, this::decrypt, block -> out.write(block.out, 0, block.outLength));
        return after;
    }

    /** Reads a block of whole frames, checking their layout and numbers, up to the final frame or a failure. */
    private void read(FrameBlock block) throws IOException {
        block.firstFrame = nextFrame;
        int want = framesBytes();
        int n = body.readNBytes(block.in, 0, want);
        int pos = 0;
        try {
            while (true) {
                if (pos == n) {
                    if (n < want) {
                        block.failure = new BadCiphertextException(TRUNCATED);
                    }
                    break;
                }
                int size = layout.sizeAt(block.in, pos, n - pos);
                if (size < 0) {
                    block.failure = new BadCiphertextException(TRUNCATED);
                    break;
                }
                if (pos + size > n && n == want) {
                    // Only a final frame is longer than a regular one, by 8 bytes at most.
                    n += body.readNBytes(block.in, n, pos + size - n);
                }
                if (pos + size > n) {
                    block.failure = new BadCiphertextException(TRUNCATED);
                    break;
                }
                boolean last = FrameLayout.isFinal(block.in, pos);
                checkSequence(block.in, last ? pos + 4 : pos, nextFrame);
                nextFrame++;
                if (!last) {
                    block.regular++;
                    pos += size;
                    continue;
                }
                block.finalLength = layout.finalContentLength(block.in, pos);
                pos += size;
                block.last = true;
                after = Arrays.copyOfRange(block.in, pos, n);
                break;
            }
        } catch (BadCiphertextException e) {
            block.failure = e;
        }
        if (signedBytes != null) {
            // The very bytes decrypted: the signature then covers what is released, whatever else touches the file.
            signedBytes.update(block.in, 0, pos);
        }
        progress.advance(n);
    }

    private static void checkSequence(byte[] in, int at, long expected) {
        if (expected >= Constants.MAX_FRAME_NUMBER) {
            throw new BadCiphertextException("Frame number exceeds the maximum allowed value.");
        }
        long stored = FrameLayout.intAt(in, at) & 0xFFFFFFFFL;
        if (stored != expected) {
            throw new BadCiphertextException("Frame " + expected + " carries sequence number " + stored
                    + ": frames are missing, repeated or out of order");
        }
    }

    /** Decrypts a block's frames; stops at the first that fails, keeping the plaintext before it. */
    private void decrypt(FrameBlock block) {
        Cipher cipher = cipher();
        int frameLength = layout.frameLength();
        int regularSize = layout.regularSize();
        long frame = block.firstFrame;
        int written = 0;
        try {
            for (int i = 0; i < block.regular; i++, frame++) {
                int at = i * regularSize;
                written += open(cipher, block.in, at + 4, at + FrameLayout.REGULAR_HEADER, frameLength, block.out,
                        written, aad.regular(frame, frameLength));
            }
            if (block.hasFinal()) {
                int at = block.regular * regularSize;
                written += open(cipher, block.in, at + 8, at + FrameLayout.FINAL_HEADER, block.finalLength,
                        block.out, written, aad.last(frame, block.finalLength));
            }
        } catch (BadCiphertextException e) {
            block.failure = e;
        }
        block.outLength = written;
    }

    private int open(Cipher cipher, byte[] in, int ivAt, int ciphertextAt, int length, byte[] out, int outAt,
            byte[] aad) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(FrameLayout.TAG * 8, in, ivAt, FrameLayout.IV));
            cipher.updateAAD(aad);
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
        try {
            return cipher.doFinal(in, ciphertextAt, length + FrameLayout.TAG, out, outAt);
        } catch (AEADBadTagException e) {
            throw new BadCiphertextException(e);
        } catch (GeneralSecurityException e) {
            throw new AwsCryptoException(e);
        }
    }
}
