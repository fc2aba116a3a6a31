package dev.coffer.s3.object;

import dev.coffer.store.BlobId;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes blobs that no object row references. Run it only while no write is in flight (at start-up): a
 * blob committed a moment before its row would look like an orphan.
 */
public final class OrphanSweep {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);
    private static final int BATCH = 512;

    private final MetadataStore store;
    private final BlobStore blobs;

    public OrphanSweep(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    public int run() {
        int removed = 0;
        try {
            blobs.sweepTempFiles();
            List<BlobId> batch = new ArrayList<>(BATCH);
            try (Stream<BlobId> all = blobs.list()) {
                for (BlobId id : (Iterable<BlobId>) all::iterator) {
                    batch.add(id);
                    if (batch.size() == BATCH) {
                        removed += sweep(batch);
                        batch.clear();
                    }
                }
            }
            removed += sweep(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (removed > 0) {
            LOG.info("removed {} orphan blob(s) left by an interrupted write", removed);
        }
        return removed;
    }

    private int sweep(List<BlobId> batch) throws IOException {
        List<BlobId> orphans = store.read(c -> {
            List<BlobId> out = new ArrayList<>();
            for (BlobId id : batch) {
                if (!ObjectTable.referencesBlob(c, id)) {
                    out.add(id);
                }
            }
            return out;
        });
        for (BlobId id : orphans) {
            blobs.delete(id);
        }
        return orphans.size();
    }
}
