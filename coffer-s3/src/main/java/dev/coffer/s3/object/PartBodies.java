package dev.coffer.s3.object;

import dev.coffer.crypto.Secret;
import dev.coffer.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plaintext of a multipart object: its parts' bodies one after the other, each decrypted under the object's
 * data key with its own per-part key (each part's {@code BodyCipher} stream has its own salt) and bound to its
 * part number. A range opens only the parts it covers, and within them only the segments it covers.
 */
final class PartBodies extends InputStream {
    private record Piece(PartTable.StoredPart part, long first, long last) {}

    private final BlobStore blobs;
    private final List<Piece> pieces;
    private final Secret dataKey;
    private final Optional<Secret> outerKey;
    private final StoredObject object;
    private int next;
    private InputStream current;

    private PartBodies(BlobStore blobs, List<Piece> pieces, Secret dataKey, Optional<Secret> outerKey,
            StoredObject object) {
        this.blobs = blobs;
        this.pieces = pieces;
        this.dataKey = dataKey;
        this.outerKey = outerKey;
        this.object = object;
    }

    /** Plaintext bytes {@code first..last}; empty if the first part's blob is gone (an overwrite won the race). */
    static Optional<InputStream> open(BlobStore blobs, List<PartTable.StoredPart> parts, Secret dataKey,
            Optional<Secret> outerKey, StoredObject object, long first, long last) {
        List<Piece> pieces = new ArrayList<>();
        long offset = 0;
        for (PartTable.StoredPart p : parts) {
            long start = offset;
            long end = offset + p.size() - 1;
            offset += p.size();
            if (end < first || start > last || p.size() == 0) {
                continue;
            }
            pieces.add(new Piece(p, Math.max(first, start) - start, Math.min(last, end) - start));
        }
        PartBodies body = new PartBodies(blobs, pieces, dataKey.copy(), outerKey.map(Secret::copy), object);
        if (!pieces.isEmpty() && body.advance().isEmpty()) {
            body.closeKeys();
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private Optional<InputStream> advance() {
        Piece p = pieces.get(next++);
        Optional<InputStream> in = Bodies.open(blobs, p.part().blobId(), dataKey, outerKey, object.binding(),
                "part " + p.part().partNumber(), p.part().size(), object.encryption().bodyFormat(),
                object.encryption().segmentSize(), p.first(), p.last());
        in.ifPresent(s -> current = s);
        return in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (current == null) {
                return -1;
            }
            int n = current.read(b, off, len);
            if (n >= 0) {
                return n;
            }
            current.close();
            current = null;
            if (next < pieces.size() && advance().isEmpty()) {
                throw new IOException("a part of the object was deleted while it was read");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            closeKeys();
        }
    }

    private void closeKeys() {
        dataKey.close();
        outerKey.ifPresent(Secret::close);
    }
}
