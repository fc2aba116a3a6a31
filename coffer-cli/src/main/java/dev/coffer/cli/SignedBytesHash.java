package dev.coffer.cli;

import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The hash a signed suite's footer signs: of the message's header and every frame, in order, up to the footer.
 *
 * <p>{@link #inline} is fed by the decryptor with the bytes it reads. {@link #ofFile} reads the file itself, on a
 * thread of its own, from the moment the header is parsed: SHA-384 runs at ~750 MB/s on this machine's CPU (the
 * JDK's and AWS-LC's alike), the slowest step of a decrypt by far and one that cannot be split, so it starts while
 * KMS is still being asked for the data key. Reading the file twice would let a writer change it between the two
 * reads, signing one version and decrypting another; so the file's identity, size and change time are taken
 * before the first read and checked after both, and a file changed in the last {@link #SETTLED} (whose change time
 * a second change might not move) is hashed inline.
 */
abstract sealed class SignedBytesHash {
    static final Duration SETTLED = Duration.ofMillis(100);

    final MessageDigest digest;

    private SignedBytesHash(String algorithm) {
        try {
            // SUN's own: the CLI puts an offloading SHA-384 first for the SDK, which would only add a copy here.
            digest = MessageDigest.getInstance(algorithm, Security.getProvider("SUN"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    static SignedBytesHash inline(String algorithm) {
        return new Inline(algorithm);
    }

    /**
     * Hashes the file behind {@code channel} if it has settled, else returns an inline hash.
     *
     * @param headerLength where the frames start
     */
    static SignedBytesHash ofFile(String algorithm, FileChannel channel, Path path, int headerLength,
            FrameLayout layout) {
        return ofFile(algorithm, channel, path, headerLength, layout, SETTLED);
    }

    /** As {@link #ofFile(String, FileChannel, Path, int, FrameLayout)}, with another settling time (tests). */
    static SignedBytesHash ofFile(String algorithm, FileChannel channel, Path path, int headerLength,
            FrameLayout layout, Duration settled) {
        FileState before = FileState.of(path);
        if (before == null || Duration.between(before.changed().toInstant(), Instant.now()).compareTo(settled) < 0) {
            return new Inline(algorithm);
        }
        return new OfFile(algorithm, channel, path, before, headerLength, layout);
    }

    /** Bytes the decryptor read, in order; ignored by a hash that reads the file itself. */
    abstract void update(byte[] bytes, int off, int len);

    /**
     * The hash of the bytes before {@code footerStart}, where the decryptor found the footer.
     *
     * @throws BadCiphertextException if the file changed while it was read
     */
    abstract byte[] finish(long footerStart) throws IOException;

    /** Stops any reading: the decrypt failed. */
    abstract void cancel();

    private static final class Inline extends SignedBytesHash {
        Inline(String algorithm) {
            super(algorithm);
        }

        @Override
        void update(byte[] bytes, int off, int len) {
            digest.update(bytes, off, len);
        }

        @Override
        byte[] finish(long footerStart) {
            return digest.digest();
        }

        @Override
        void cancel() {
        }

        @Override
        public String toString() {
            return "SignedBytesHash.Inline[" + digest.getAlgorithm() + "]";
        }
    }

    private static final class OfFile extends SignedBytesHash {
        private static final int CHUNK = 1 << 20;

        private final FileChannel channel;
        private final Path path;
        private final FileState before;
        private final int headerLength;
        private final FrameLayout layout;
        private final CompletableFuture<Long> hashedTo = new CompletableFuture<>();
        private volatile boolean cancelled;

        OfFile(String algorithm, FileChannel channel, Path path, FileState before, int headerLength,
                FrameLayout layout) {
            super(algorithm);
            this.channel = channel;
            this.path = path;
            this.before = before;
            this.headerLength = headerLength;
            this.layout = layout;
            Thread.ofPlatform().daemon().name("coffer-signed-hash").start(this::run);
        }

        private void run() {
            try {
                hashedTo.complete(hashToFooter());
            } catch (Throwable e) {
                hashedTo.completeExceptionally(e);
            }
        }

        /** Hashes up to the end of the final frame, walking the frames as the decryptor does; returns that end. */
        private long hashToFooter() throws IOException {
            byte[] chunk = new byte[CHUNK];
            long readFrom = 0;
            long hashed = 0;
            long nextFrame = headerLength;
            long end = -1;
            while (!cancelled) {
                int n = readAt(chunk, readFrom);
                long chunkEnd = readFrom + n;
                while (end < 0 && nextFrame < chunkEnd) {
                    int at = (int) (nextFrame - readFrom);
                    int size = layout.sizeAt(chunk, at, n - at);
                    if (size < 0) {
                        break;
                    }
                    if (FrameLayout.isFinal(chunk, at)) {
                        end = nextFrame + size;
                    }
                    nextFrame += size;
                }
                // Until the final frame is found, the body goes on past this chunk (FrameLayout.sizeAt needs 24
                // bytes at most to tell, and a final frame is 40 at least), so the whole chunk is signed.
                long upTo = end < 0 ? chunkEnd : Math.min(chunkEnd, end);
                digest.update(chunk, (int) (hashed - readFrom), (int) (upTo - hashed));
                hashed = upTo;
                if (end >= 0 && hashed == end) {
                    return end;
                }
                if (n < chunk.length) {
                    return -1; // cut short: the decryptor says so
                }
                // A frame's first bytes cut off by the chunk's end are read again at the start of the next one.
                readFrom = end < 0 ? Math.min(nextFrame, chunkEnd) : chunkEnd;
            }
            return -1;
        }

        private int readAt(byte[] chunk, long offset) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + buffer.position());
                if (n < 0) {
                    break;
                }
            }
            return buffer.position();
        }

        @Override
        void update(byte[] bytes, int off, int len) {
        }

        @Override
        byte[] finish(long footerStart) throws IOException {
            long end;
            try {
                end = hashedTo.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while hashing the message", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
            if (end != footerStart || !before.equals(FileState.of(path))) {
                throw new BadCiphertextException("the input file changed while it was being decrypted");
            }
            return digest.digest();
        }

        @Override
        void cancel() {
            // No interrupt: it would close the channel, which the decryptor shares. A chunk takes ~1 ms.
            cancelled = true;
        }

        @Override
        public String toString() {
            return "SignedBytesHash.OfFile[" + digest.getAlgorithm() + ", " + path + "]";
        }
    }

    /** What tells whether a file changed: which file it is, its size and its change time. */
    record FileState(Object fileKey, long size, FileTime changed) {
        static FileState of(Path path) {
            try {
                var attributes = Files.readAttributes(path, "unix:ino,dev,size,ctime");
                Object key = attributes.get("dev") + ":" + attributes.get("ino");
                return new FileState(key, (Long) attributes.get("size"),
                        Objects.requireNonNull((FileTime) attributes.get("ctime")));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | NullPointerException e) {
                return null;
            }
        }
    }
}
