package dev.coffer.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;

/**
 * A blob being written. Nobody can see it until {@link #commit()} returns; {@link #close()} without a
 * commit removes every trace of it. Use it in try-with-resources so that an exception or an interrupted
 * upload cleans up after itself:
 *
 * <pre>{@code
 * try (PendingBlob pending = blobs.create()) {
 *     body.transferTo(pending.outputStream());
 *     BlobId id = pending.commit();
 *     metadata.write(c -> insertRowPointingTo(c, id));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one writer at a time. Bytes written through {@link #outputStream()} and
 * {@link #channel()} land in the order they were written.
 */
public interface PendingBlob extends AutoCloseable {

    /** A buffered stream into the blob; closing it does not commit. */
    OutputStream outputStream();

    /** A channel into the blob, for callers that already hold {@link java.nio.ByteBuffer}s. */
    WritableByteChannel channel();

    /** Bytes written so far. */
    long size();

    /**
     * Makes the blob durable and visible under a new id: when this returns, the bytes and the name survive
     * a crash or power loss. Can be called once; writing afterwards fails.
     */
    BlobId commit() throws IOException;

    /** Discards the blob unless it was committed. Never throws: a leftover is removed by the next sweep. */
    @Override
    void close();
}
