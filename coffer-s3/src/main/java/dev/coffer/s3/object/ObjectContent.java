package dev.coffer.s3.object;

import dev.coffer.s3.sse.ResponseEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An object being read: its row, its (unsealed) metadata, the range served, and for GET the decrypting body,
 * already open on the blob (so a concurrent overwrite cannot take it away). Close it when done.
 */
public final class ObjectContent implements AutoCloseable {
    private final StoredObject object;
    private final ObjectHeaders headers;
    private final ResponseEncryption encryption;
    private final Optional<ByteRange> range;
    private final InputStream body;

    ObjectContent(StoredObject object, ObjectHeaders headers, ResponseEncryption encryption,
            Optional<ByteRange> range, InputStream body) {
        this.object = object;
        this.headers = headers;
        this.encryption = encryption;
        this.range = range;
        this.body = body;
    }

    public StoredObject object() {
        return object;
    }

    public ObjectHeaders headers() {
        return headers;
    }

    public ResponseEncryption encryption() {
        return encryption;
    }

    public Optional<ByteRange> range() {
        return range;
    }

    /** Bytes the response carries: the range's length, or the object's size. */
    public long contentLength() {
        return range.map(ByteRange::length).orElse(object.size());
    }

    /**
     * The plaintext of the range, decrypted segment by segment; a segment that fails authentication throws
     * {@link dev.coffer.crypto.stream.BodyIntegrityException} before any of its bytes are returned. Empty for HEAD.
     */
    public Optional<InputStream> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public void close() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
