package dev.coffer.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.stream.Stream;

/**
 * Opaque byte streams (already encrypted by the caller) stored under ids the store generates.
 *
 * <p>Guarantees: a blob is visible only once its {@link PendingBlob#commit()} returned, and then it is
 * durable; a blob is never visible half-written; an abandoned write leaves nothing behind once
 * {@link PendingBlob#close()} ran, and leftovers of a crash are removed by {@link #sweepTempFiles()}.
 * Committed blobs are immutable. The store knows nothing about which blobs the metadata still references:
 * finding orphans is the caller's job, with {@link #list()}.
 */
public interface BlobStore {

    /** Starts a new blob; commit it or close it. */
    PendingBlob create() throws IOException;

    /**
     * Opens a blob for reading at any position: a range read positions the channel and reads only what it
     * needs. The channel is read-only; the caller closes it.
     */
    SeekableByteChannel openChannel(BlobId id) throws IOException;

    /** A stream over the blob from {@code offset} to its end (empty if {@code offset} is past the end). */
    default InputStream openStream(BlobId id, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        SeekableByteChannel channel = openChannel(id);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    /** The blob's size in bytes. */
    long size(BlobId id) throws IOException;

    boolean exists(BlobId id) throws IOException;

    /**
     * Deletes the blob; deleting a missing blob does nothing. Not necessarily durable: callers delete only blobs no
     * row points to, which the orphan sweep at start-up removes should a crash bring one back.
     */
    void delete(BlobId id) throws IOException;

    /**
     * The ids of all committed blobs, for an orphan sweep. Lazily populated and weakly consistent with
     * concurrent writes; close the stream (try-with-resources).
     */
    Stream<BlobId> list() throws IOException;

    /**
     * Removes temp files left by writes that never finished (a crash, a killed process); writes in flight
     * in this store are left alone. Returns how many were removed.
     */
    int sweepTempFiles() throws IOException;
}
