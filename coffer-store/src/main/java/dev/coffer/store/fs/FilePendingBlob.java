package dev.coffer.store.fs;

import dev.coffer.store.BlobId;
import dev.coffer.store.PendingBlob;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temp file being written. Small writes collect in one direct buffer (no copy on the way to the file);
 * writes at least as large as the buffer go straight to the file channel.
 *
 * <p>Closing the stream or channel view only flushes: wrappers such as an encrypting stream close what
 * they wrap when they finish, and that must not discard or commit the blob.
 */
final class FilePendingBlob implements PendingBlob {
    private static final Logger log = LoggerFactory.getLogger(FilePendingBlob.class);
    private static final int BUFFER_BYTES = 128 * 1024;

    private enum State { OPEN, COMMITTED, DISCARDED }

    private final FileBlobStore store;
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final OutputStream stream = new BlobOutputStream();
    private final WritableByteChannel channelView = new ChannelView();
    private long size;
    private State state = State.OPEN;

    FilePendingBlob(FileBlobStore store, Path file, FileChannel channel) {
        this.store = store;
        this.file = file;
        this.channel = channel;
    }

    @Override
    public OutputStream outputStream() {
        return stream;
    }

    @Override
    public WritableByteChannel channel() {
        return channelView;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public BlobId commit() throws IOException {
        checkOpen();
        drain();
        channel.force(true);
        channel.close();
        BlobId id = store.publish(file);
        state = State.COMMITTED;
        store.release(file);
        return id;
    }

    @Override
    public void close() {
        if (state == State.COMMITTED || state == State.DISCARDED) {
            return;
        }
        state = State.DISCARDED;
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove unfinished blob write {}; the next sweep will: {}", file, e.toString());
        } finally {
            store.release(file);
        }
    }

    private void checkOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("blob write is already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException(); // e.g. closed by an interrupt while writing
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            channel.write(src);
        }
    }

    private final class BlobOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            checkOpen();
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkOpen();
            if (len >= BUFFER_BYTES) {
                drain();
                writeFully(ByteBuffer.wrap(b, off, len));
            } else {
                if (len > buffer.remaining()) {
                    drain();
                }
                buffer.put(b, off, len);
            }
            size += len;
        }

        @Override
        public void flush() throws IOException {
            if (state == State.OPEN) {
                drain();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private final class ChannelView implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            checkOpen();
            drain(); // keep bytes in the order they were written through either view
            int n = src.remaining();
            writeFully(src);
            size += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return state == State.OPEN;
        }

        @Override
        public void close() throws IOException {
            stream.flush();
        }
    }
}
