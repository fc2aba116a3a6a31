package dev.coffer.store;

import java.io.IOException;

/** The blob does not exist (never committed, or deleted). */
public final class NoSuchBlobException extends IOException {
    private final BlobId id;

    public NoSuchBlobException(BlobId id) {
        super("blob " + id.value() + " does not exist");
        this.id = id;
    }

    public BlobId id() {
        return id;
    }
}
