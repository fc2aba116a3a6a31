package dev.coffer.cli;

import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import com.amazonaws.encryptionsdk.internal.Constants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
final class FrameDecryption {
    /** Frames per block: about this many bytes, so that blocks are few and a worker's call count is low. */
    private static final int BLOCK_TARGET = 1 << 20;
    /** Memory for blocks in flight (each holds its ciphertext and plaintext); at least two blocks. */
    private static final int IN_FLIGHT_BYTES = 32 << 20;
    private static final String TRUNCATED = "Unable to process entire ciphertext.";

    /** Where the body ended and the bytes read past it (the start of the footer, if any). */
    record End(long bodyEnd, byte[] after) {
        @Override
        public String toString() {
            return "End[" + bodyEnd + ", " + after.length + " bytes after]";
        }
    }

    private final SecretKey key;
    private final byte[] regularAadPrefix;
    private final byte[] finalAadPrefix;
    private final FrameLayout layout;
    private final SignedBytesHash hash;
    private final Progress progress;
    private final int framesPerBlock;
    private final int blocks;
    private final BlockingQueue<CompletableFuture<Block>> inOrder;
    private final BlockingQueue<Block> free;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FrameDecryption::newCipher);
    private final int workers;
    private int created;

    /**
     * @param hash fed with the frames as they are read, or {@code null} for an unsigned suite
     */
    FrameDecryption(SecretKey key, byte[] messageId, FrameLayout layout, SignedBytesHash hash, Progress progress) {
        this.key = key;
        this.regularAadPrefix = concat(messageId, Constants.FRAME_STRING_ID.getBytes(StandardCharsets.UTF_8));
        this.finalAadPrefix = concat(messageId, Constants.FINAL_FRAME_STRING_ID.getBytes(StandardCharsets.UTF_8));
        this.layout = layout;
        this.hash = hash;
        this.progress = progress;
        this.framesPerBlock = Math.max(1, BLOCK_TARGET / layout.regularSize());
        this.workers = workers(hash != null);
        long blockBytes = (long) framesPerBlock * (layout.regularSize() + layout.frameLength()) + 8;
        this.blocks = (int) Math.max(2, Math.min(2L * workers + 2, IN_FLIGHT_BYTES / blockBytes));
        this.inOrder = new ArrayBlockingQueue<>(blocks + 1);
        this.free = new ArrayBlockingQueue<>(blocks);
    }

    /**
     * Decrypts the body read from {@code body} (which starts with the first frame, at {@code bodyStart} in the
     * message) to {@code out}.
     */
    End run(InputStream body, long bodyStart, OutputStream out) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().daemon().name("coffer-decrypt-", 1).factory());
        Thread reader = Thread.ofPlatform().daemon().name("coffer-read")
                .start(() -> read(body, bodyStart, pool));
        boolean done = false;
        try {
            End end = write(out);
            done = true;
            return end;
        } finally {
            if (!done) {
                reader.interrupt();
            }
            pool.shutdownNow();
            joinQuietly(reader);
        }
    }

    private End write(OutputStream out) throws IOException {
        while (true) {
            Block block;
            try {
                block = inOrder.take().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (CompletionException e) {
                throw rethrow(e.getCause());
            }
            if (block.plainLength > 0) {
                out.write(block.out, 0, block.plainLength);
            }
            if (block.failure != null) {
                throw block.failure;
            }
            if (block.end != null) {
                return block.end;
            }
            free.add(block);
        }
    }

    /** Reads blocks and hands each to the pool, in order, until the final frame or a failure. */
    private void read(InputStream body, long bodyStart, ExecutorService pool) {
        long frame = 1;
        long position = bodyStart;
        try {
            while (true) {
                Block block = acquire();
                block.reset(frame);
                int want = framesPerBlock * layout.regularSize();
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
                        checkSequence(block.in, last ? pos + 4 : pos, frame);
                        frame++;
                        if (!last) {
                            block.regular++;
                            pos += size;
                            continue;
                        }
                        block.finalAt = pos;
                        block.finalLength = layout.finalContentLength(block.in, pos);
                        pos += size;
                        block.end = new End(position + pos, Arrays.copyOfRange(block.in, pos, n));
                        break;
                    }
                } catch (BadCiphertextException e) {
                    block.failure = e;
                }
                if (hash != null) {
                    hash.update(block.in, 0, pos);
                }
                position += n;
                progress.advance(n);
                boolean last = block.end != null || block.failure != null;
                inOrder.put(CompletableFuture.supplyAsync(() -> decrypt(block), pool));
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the writer gave up
        } catch (Throwable e) {
            inOrder.offer(CompletableFuture.failedFuture(e));
        }
    }

    /**
     * One per core; one fewer when a signed message's hash runs beside them, since that hash is the longest
     * single task of the decrypt and a decryptor waits for it anyway (override: coffer.cli.decryptThreads).
     */
    private static int workers(boolean signed) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Integer.getInteger("coffer.cli.decryptThreads", Math.max(1, signed ? cores - 1 : cores));
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

    private Block acquire() throws InterruptedException {
        Block block = free.poll();
        if (block != null) {
            return block;
        }
        if (created < blocks) {
            created++;
            return new Block(framesPerBlock * layout.regularSize() + 8, framesPerBlock * layout.frameLength());
        }
        return free.take();
    }

    /** Decrypts a block's frames; stops at the first that fails, keeping the plaintext before it. */
    private Block decrypt(Block block) {
        Cipher cipher = ciphers.get();
        int frameLength = layout.frameLength();
        int regularSize = layout.regularSize();
        long frame = block.firstFrame;
        int written = 0;
        try {
            for (int i = 0; i < block.regular; i++, frame++) {
                int at = i * regularSize;
                written += open(cipher, block.in, at + 4, at + FrameLayout.REGULAR_HEADER, frameLength, block.out,
                        written, aad(regularAadPrefix, frame, frameLength));
            }
            if (block.finalAt >= 0) {
                written += open(cipher, block.in, block.finalAt + 8, block.finalAt + FrameLayout.FINAL_HEADER,
                        block.finalLength, block.out, written, aad(finalAadPrefix, frame, block.finalLength));
            }
        } catch (BadCiphertextException e) {
            block.failure = e;
            block.end = null;
        }
        block.plainLength = written;
        return block;
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

    /** prefix (message id and frame string) | sequence number (4) | content length (8), big-endian. */
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

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES-GCM", e);
        }
    }

    private static IOException rethrow(Throwable cause) throws IOException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }

    private static void joinQuietly(Thread thread) {
        try {
            // Standard input cannot be interrupted; the thread is a daemon and ends with the process.
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FrameDecryption[" + layout + ", " + framesPerBlock + " frames per block]";
    }

    /** Whole frames, as read, and their plaintext once decrypted. */
    private static final class Block {
        final byte[] in;
        final byte[] out;
        long firstFrame;
        int regular;
        int finalAt;
        int finalLength;
        int plainLength;
        End end;
        RuntimeException failure;

        Block(int inLength, int outLength) {
            this.in = new byte[inLength];
            this.out = new byte[outLength];
        }

        void reset(long first) {
            firstFrame = first;
            regular = 0;
            finalAt = -1;
            finalLength = 0;
            plainLength = 0;
            end = null;
            failure = null;
        }
    }
}
