package dev.coffer.cli;

import java.io.IOException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * What the frame encryptor and decryptor share: the message's key and frame AAD, the frames' layout, the hash of
 * a signed message, one cipher per thread, and a {@link BlockPipeline} sized for blocks of whole frames (about
 * {@link BlockPipeline#BLOCK_TARGET} bytes of them).
 */
abstract class FramePipeline {
    final SecretKey key;
    final FrameAad aad;
    final FrameLayout layout;
    final MessageDigest signedBytes;
    final Progress progress;
    final int framesPerBlock;
    private final int workers;
    private final int blocks;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FrameLayout::newCipher);
    /** The number of the next frame to read; only the reader thread touches it. */
    long nextFrame = 1;

    /**
     * @param signedBytes the hash of a signed message's bytes, or {@code null} for an unsigned suite
     */
    FramePipeline(SecretKey key, byte[] messageId, FrameLayout layout, MessageDigest signedBytes, Progress progress) {
        this.key = key;
        this.aad = new FrameAad(messageId);
        this.layout = layout;
        this.signedBytes = signedBytes;
        this.progress = progress;
        this.framesPerBlock = Math.max(1, BlockPipeline.BLOCK_TARGET / layout.regularSize());
        // One per core; one fewer beside a signed message's SHA-384 (on OffloadedSha384's thread): that hash is
        // the slowest task and the command waits for it anyway (no difference measured for encrypt).
        int cores = Runtime.getRuntime().availableProcessors();
        this.workers = Math.max(1, signedBytes == null ? cores : cores - 1);
        this.blocks = BlockPipeline.blocksFor(workers, (long) plaintextBytes() + framesBytes() + 8);
    }

    /** Bytes of a full block's plaintext. */
    final int plaintextBytes() {
        return framesPerBlock * layout.frameLength();
    }

    /** Bytes of a full block's frames, as the message holds them (a final frame may add 8). */
    final int framesBytes() {
        return framesPerBlock * layout.regularSize();
    }

    /** This thread's cipher. */
    final Cipher cipher() {
        return ciphers.get();
    }

    /** Runs the pipeline over blocks whose {@code in} holds plaintext (encrypting) or frames (decrypting). */
    final void run(boolean encrypting, BlockPipeline.Reader<FrameBlock> reader, BlockPipeline.Worker<FrameBlock> worker,
            BlockPipeline.Writer<FrameBlock> writer) throws IOException {
        new BlockPipeline<>(workers, blocks, () -> encrypting
                ? new FrameBlock(plaintextBytes(), framesBytes() + 8)
                : new FrameBlock(framesBytes() + 8, plaintextBytes())).run(reader, worker, writer);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + layout + ", " + framesPerBlock + " frames per block, " + workers
                + " cipher threads]";
    }
}
