package dev.coffer.s3.object;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.stream.BodyCipher;
import dev.coffer.crypto.stream.BodyIntegrityException;
import dev.coffer.crypto.stream.BodyParameters;
import dev.coffer.iam.Principal;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.sse.SseMode;
import dev.coffer.s3.sse.SseModes;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.NoSuchBlobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * GetObject, HeadObject and GetObjectAttributes.
 *
 * <p>A GET opens the blob before it returns, so the body it serves is the one its row named: an overwrite
 * that commits meanwhile deletes the old blob's name, not the open file. If the overwrite wins the race
 * between reading the row and opening the blob, the read starts again from the new row: a reader sees the old
 * object or the new one, never a mix.
 */
public final class ObjectReads {
    private static final int MAX_ATTEMPTS = 5;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Buckets buckets;
    private final SseModes sse;

    public ObjectReads(MetadataStore store, BlobStore blobs, Buckets buckets, SseModes sse) {
        this.store = store;
        this.blobs = blobs;
        this.buckets = buckets;
        this.sse = sse;
    }

    /** GetObject: metadata and an open, decrypting body for the requested range. */
    public ObjectContent get(Principal caller, GetObjectRequest r) {
        return read(caller, r, true);
    }

    /** HeadObject: the same checks and headers as GET, without a body. */
    public ObjectContent head(Principal caller, GetObjectRequest r) {
        return read(caller, r, false);
    }

    /** GetObjectAttributes: the row only (ETag, checksum, size, storage class); SSE-C objects need their key. */
    public StoredObject attributes(Principal caller, GetObjectRequest r) {
        try (ObjectContent c = read(caller, r, false)) {
            return c.object();
        }
    }

    private ObjectContent read(Principal caller, GetObjectRequest r, boolean withBody) {
        buckets.require(caller, r.bucket());
        String key = ObjectKeys.require(r.key());
        for (int attempt = 1; ; attempt++) {
            StoredObject o = store.read(c -> ObjectTable.find(c, r.bucket(), key))
                    .orElseThrow(() -> S3Exception.of(S3ErrorCode.NO_SUCH_KEY, key).withDetail("Key", key));
            SseMode mode = sse.forRead(o.encryption(), r.customerKey(), r.secureTransport());
            r.preconditions().checkRead(o);
            Optional<ByteRange> range = ByteRange.resolve(r.range(), o.size());
            try (Secret dek = mode.unwrap(o.encryption(), o.binding())) {
                ObjectHeaders headers = MetadataSeal.open(dek, o.binding(), o.sealedMetadata());
                if (!withBody) {
                    return new ObjectContent(o, headers, mode.describe(), range, null);
                }
                Optional<InputStream> body = openBody(o, dek, range);
                if (body.isPresent()) {
                    return new ObjectContent(o, headers, mode.describe(), range, body.get());
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new CofferBugException("object's blob keeps disappearing");
                }
            }
        }
    }

    /** The decrypting body, or empty if the blob was deleted by an overwrite since the row was read. */
    private Optional<InputStream> openBody(StoredObject o, Secret dek, Optional<ByteRange> range) {
        if (o.encryption().bodyFormat() != BodyCipher.FORMAT_VERSION) {
            throw new CofferBugException("unknown body format " + o.encryption().bodyFormat());
        }
        SeekableByteChannel channel;
        try {
            channel = blobs.openChannel(o.blobId());
        } catch (NoSuchBlobException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long first = range.map(ByteRange::first).orElse(0L);
            long last = range.map(ByteRange::last).orElse(o.size() - 1);
            BodyCipher cipher = BodyCipher.create(dek, new BodyParameters(o.encryption().segmentSize()));
            return Optional.of(cipher.decryptingStream(channel, o.size(), first, last,
                    o.binding().associatedData("body")));
        } catch (BodyIntegrityException e) {
            close(channel);
            throw new CofferBugException("stored body of an object is damaged", e);
        } catch (IOException | RuntimeException e) {
            close(channel);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void close(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
