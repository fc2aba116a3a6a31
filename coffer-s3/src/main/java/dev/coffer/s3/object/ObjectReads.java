package dev.coffer.s3.object;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.sse.SseMode;
import dev.coffer.s3.sse.SseModes;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import java.io.InputStream;
import java.util.List;
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

    /**
     * GetObjectAttributes: the row (ETag, checksum, size, storage class; SSE-C objects need their key) and, with
     * {@code page}, that page of the object's parts when S3 would list them (see {@link ObjectAttributes}).
     */
    public ObjectAttributes attributes(Principal caller, GetObjectRequest r,
            Optional<ObjectAttributes.PageRequest> page) {
        StoredObject o;
        try (ObjectContent c = read(caller, r, false)) {
            o = c.object();
        }
        Optional<Checksum> composite = o.checksum()
                .filter(c -> o.partCount() > 0 && Checksum.COMPOSITE.equals(c.type()));
        if (page.isEmpty() || composite.isEmpty()) {
            return new ObjectAttributes(o, Optional.empty());
        }
        ObjectAttributes.PageRequest p = page.get();
        // Parts are keyed by the version read above: if an overwrite has since deleted them, the page is empty.
        List<PartTable.StoredPart> rows = store.read(c -> PartTable.objectParts(c, o.bucket(), o.key(), o.versionId(),
                p.partNumberMarker(), p.maxParts() + 1));
        String algorithm = composite.get().algorithm();
        List<ObjectAttributes.Part> parts = rows.stream().limit(p.maxParts()).map(s -> new ObjectAttributes.Part(
                s.partNumber(), s.size(), s.checksumValue().map(v -> new Checksum(algorithm, v)))).toList();
        boolean truncated = rows.size() > p.maxParts();
        return new ObjectAttributes(o, Optional.of(new ObjectAttributes.PartPage(p, parts, truncated)));
    }

    private ObjectContent read(Principal caller, GetObjectRequest r, boolean withBody) {
        buckets.require(caller, r.bucket());
        String key = ObjectKeys.require(r.key());
        for (int attempt = 1; ; attempt++) {
            StoredObject o = store.read(c -> ObjectTable.find(c, r.bucket(), key))
                    .orElseThrow(() -> S3Exception.of(S3ErrorCode.NO_SUCH_KEY, key).withDetail("Key", key));
            SseMode mode = sse.forRead(caller, o.encryption(), r.customerKey(), r.secureTransport());
            r.preconditions().checkRead(o);
            Optional<ByteRange> range = r.partNumber().isPresent()
                    ? partRange(o, r.partNumber().get()) : ByteRange.resolve(r.range(), o.size());
            try (Secret dek = mode.unwrap(o.encryption(), o.binding())) {
                ObjectHeaders headers = MetadataSeal.open(dek, o.binding(), o.sealedMetadata());
                if (!withBody) {
                    return new ObjectContent(o, headers, mode.describe(o.encryption()), range, null);
                }
                Optional<InputStream> body = openBody(o, dek, mode, range);
                if (body.isPresent()) {
                    return new ObjectContent(o, headers, mode.describe(o.encryption()), range, body.get());
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new CofferBugException("object's blob keeps disappearing");
                }
            }
        }
    }

    /** The bytes of part {@code n} (a single-part object has one part); S3's {@code InvalidPartNumber} otherwise. */
    private Optional<ByteRange> partRange(StoredObject o, int n) {
        int count = Math.max(1, o.partCount());
        if (n < 1 || n > count) {
            throw new S3Exception(S3ErrorCode.INVALID_PART_NUMBER);
        }
        if (o.partCount() == 0) {
            return o.size() == 0 ? Optional.empty() : Optional.of(new ByteRange(0, o.size() - 1));
        }
        long offset = 0;
        for (PartTable.StoredPart p : store.read(c -> PartTable.objectParts(c, o.bucket(), o.key(), o.versionId()))) {
            if (p.partNumber() == n) {
                return p.size() == 0 ? Optional.empty() : Optional.of(new ByteRange(offset, offset + p.size() - 1));
            }
            offset += p.size();
        }
        throw new S3Exception(S3ErrorCode.INVALID_PART_NUMBER);
    }

    /** The decrypting body, or empty if a blob was deleted by an overwrite since the row was read. */
    private Optional<InputStream> openBody(StoredObject o, Secret dek, SseMode mode, Optional<ByteRange> range) {
        long first = range.map(ByteRange::first).orElse(0L);
        long last = range.map(ByteRange::last).orElse(o.size() - 1);
        Optional<Secret> outer = mode.outerKey(o.encryption(), o.binding());
        try {
            if (o.partCount() == 0) {
                return Bodies.open(blobs, o.blobId(), dek, outer, o.binding(), "body", o.size(),
                        o.encryption().bodyFormat(), o.encryption().segmentSize(), first, last);
            }
            List<PartTable.StoredPart> parts = store.read(c -> PartTable.objectParts(c, o.bucket(), o.key(),
                    o.versionId()));
            return PartBodies.open(blobs, parts, dek, outer, o, first, last);
        } finally {
            outer.ifPresent(Secret::close);
        }
    }
}
