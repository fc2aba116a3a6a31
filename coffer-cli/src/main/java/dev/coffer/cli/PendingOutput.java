package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The output of a command, which appears under its name only when complete: bytes go to a temp file in the
 * target's directory (mode 0600, name starting with a dot), {@link #commit()} makes it durable and renames it
 * over the target, and {@link #close()} without a commit deletes it, as does a JVM shutdown (Ctrl-C) in between.
 * {@code -} is standard output, which cannot be taken back: there the exit code is the only signal.
 */
final class PendingOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final Thread cleanupOnExit;
    private boolean committed;

    private PendingOutput(Path target, Path temp, FileChannel channel, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = stream;
        if (temp != null) {
            cleanupOnExit = new Thread(this::deleteTemp, "coffer-delete-partial-output");
            Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        } else {
            cleanupOnExit = null;
        }
    }

    static PendingOutput open(String name, Stdio stdio) {
        requireNonNull(name, "name");
        if (name.equals("-")) {
            return new PendingOutput(null, null, null, new Unclosable(stdio.out()));
        }
        Path target = Path.of(name).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw CliException.io(name + ": is a directory", null);
        }
        Path dir = target.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".coffer-partial");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            return new PendingOutput(target, temp, channel, new ChannelStream(channel));
        } catch (NoSuchFileException e) {
            deleteQuietly(temp);
            throw CliException.io(name + ": no such directory " + dir, e);
        } catch (AccessDeniedException e) {
            deleteQuietly(temp);
            throw CliException.io(name + ": permission denied in " + dir, e);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw CliException.io(name + ": cannot create a file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where to write. Closing it does not commit; closing it twice is harmless. */
    OutputStream stream() {
        return stream;
    }

    /** Flushes to disk and renames the temp file over the target (atomically, so readers see all or nothing). */
    void commit() {
        try {
            stream.flush();
            if (temp == null) {
                committed = true;
                return;
            }
            if (stream instanceof ChannelStream file) {
                file.awaitWriteback();
            }
            channel.force(true);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw CliException.io(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (temp == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // deleting it is all that is left to do
        }
        if (!committed) {
            deleteTemp();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs and finds nothing to delete
        }
    }

    private void deleteTemp() {
        if (!committed) {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // nothing better to do; the name starts with a dot and ends with .coffer-partial
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename itself has happened
        }
    }

    @Override
    public String toString() {
        return "PendingOutput[" + (target == null ? "-" : target) + ", committed=" + committed + "]";
    }

    /**
     * Writes straight to the channel: the writers here hand over large arrays, so a buffer would only copy.
     *
     * <p>Every {@value #WRITEBACK_EVERY} bytes it asks the kernel, on a second thread, to write what it has to
     * disk ({@code fdatasync}), so that the disk works while the cipher does. Without it, Linux keeps the whole
     * output dirty in memory (its background writeback starts only at 10% of RAM) and the final
     * {@code force(true)} in {@link #commit()} waited for all of it: measured ~0.45 s per GiB here, a tenth of
     * a run. Only the temp file is affected; the rename still comes after the final force.
     */
    private static final class ChannelStream extends OutputStream {
        private static final long WRITEBACK_EVERY = 64L << 20;

        private final FileChannel channel;
        private long sinceWriteback;
        private Thread writeback;

        ChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            sinceWriteback += len;
            if (sinceWriteback >= WRITEBACK_EVERY && (writeback == null || !writeback.isAlive())) {
                sinceWriteback = 0;
                writeback = Thread.ofPlatform().daemon().name("coffer-writeback").start(this::forceQuietly);
            }
        }

        private void forceQuietly() {
            try {
                channel.force(false);
            } catch (IOException e) {
                // the final force in commit() reports what is wrong; a closed channel means the write was abandoned
            }
        }

        /** Lets a running writeback finish, so the final force does not race it. */
        void awaitWriteback() {
            Thread running = writeback;
            if (running == null) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    running.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            // the channel belongs to PendingOutput, which forces it before the rename
        }
    }

    /** Standard output stays open for whoever else writes to it. */
    private static final class Unclosable extends OutputStream {
        private final OutputStream out;

        Unclosable(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
