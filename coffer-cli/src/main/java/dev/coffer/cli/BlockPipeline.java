package dev.coffer.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Read, transform on every core, write in order: the shape of both {@code coffer encrypt} and {@code decrypt}.
 *
 * <p>A reader thread fills blocks one after another; a pool of workers transforms them (the frames' AES-GCM);
 * the calling thread writes them in the order they were read, and hands each back for reuse. At most
 * {@code blocks} blocks exist, so memory is constant. The calling thread writes because a file's {@code write}
 * calls cost several times more kernel time when made from another thread on this machine's VM (measured: a
 * background writer made {@code coffer encrypt} 1.4× slower; docs/PERFORMANCE.md).
 *
 * <p>A block ends the run when the reader marks it last or fails it; a block's failure is thrown after its
 * output is written, so that what comes before a failure is written and nothing after it.
 */
final class BlockPipeline<B extends BlockPipeline.Block> {
    /** What the stages hand on: whether it is the last and why it failed, if it did. */
    abstract static class Block {
        boolean last;
        RuntimeException failure;

        void reset() {
            last = false;
            failure = null;
        }
    }

    interface Reader<B> {
        /** Fills {@code block}; marks it last (or failed) to end the run. */
        void fill(B block) throws IOException;
    }

    interface Worker<B> {
        void transform(B block);
    }

    interface Writer<B> {
        void write(B block) throws IOException;
    }

    /** About this many bytes per block: few blocks, and few calls per worker. */
    static final int BLOCK_TARGET = 1 << 20;
    /** Memory for the blocks in flight, at least two of them. */
    static final int IN_FLIGHT_BYTES = 32 << 20;

    private final int workers;
    private final int blocks;
    private final Supplier<B> newBlock;
    private final BlockingQueue<CompletableFuture<B>> inOrder;
    private final BlockingQueue<B> free;
    private int created;

    BlockPipeline(int workers, int blocks, Supplier<B> newBlock) {
        this.workers = workers;
        this.blocks = blocks;
        this.newBlock = newBlock;
        this.inOrder = new ArrayBlockingQueue<>(blocks + 1);
        this.free = new ArrayBlockingQueue<>(blocks);
    }

    /** How many blocks of {@code blockBytes} to have: two per worker and two more, within the memory allowed. */
    static int blocksFor(int workers, long blockBytes) {
        return (int) Math.max(2, Math.min(2L * workers + 2, IN_FLIGHT_BYTES / blockBytes));
    }

    /** Runs until the last block is written, or throws the first failure once the blocks before it are written. */
    B run(Reader<B> reader, Worker<B> worker, Writer<B> writer) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().daemon().name("coffer-cipher-", 1).factory());
        Thread reading = Thread.ofPlatform().daemon().name("coffer-read").start(() -> read(reader, worker, pool));
        boolean done = false;
        try {
            B last = write(writer);
            done = true;
            return last;
        } finally {
            if (!done) {
                reading.interrupt();
            }
            pool.shutdownNow();
            try {
                // Standard input cannot be interrupted; the thread is a daemon and ends with the process.
                reading.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private B write(Writer<B> writer) throws IOException {
        while (true) {
            B block;
            try {
                block = inOrder.take().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } catch (CompletionException e) {
                throw rethrow(e.getCause());
            }
            writer.write(block);
            if (block.failure != null) {
                throw block.failure;
            }
            if (block.last) {
                return block;
            }
            free.add(block);
        }
    }

    private void read(Reader<B> reader, Worker<B> worker, ExecutorService pool) {
        try {
            while (true) {
                B block = acquire();
                block.reset();
                try {
                    reader.fill(block);
                } catch (RuntimeException e) {
                    block.failure = e;
                }
                boolean last = block.last || block.failure != null;
                inOrder.put(CompletableFuture.supplyAsync(() -> {
                    worker.transform(block);
                    return block;
                }, pool));
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

    private B acquire() throws InterruptedException {
        B block = free.poll();
        if (block != null) {
            return block;
        }
        if (created < blocks) {
            created++;
            return newBlock.get();
        }
        return free.take();
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

    @Override
    public String toString() {
        return "BlockPipeline[" + workers + " workers, " + blocks + " blocks]";
    }
}
