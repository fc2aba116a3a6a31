package dev.coffer.kms.internal;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of one key: its metadata and every version of its material (index 0 is version
 * 1). Readers take a snapshot and use it without locks; writers publish a new one.
 */
public record LiveKey(KeyRecord meta, List<KeyVersion> versions) {
    public LiveKey {
        Objects.requireNonNull(meta, "meta");
        versions = List.copyOf(versions);
    }

    /** The newest version: what new ciphertexts use. */
    public KeyVersion current() {
        return versions.get(meta.currentVersion() - 1);
    }

    /** The given version, or null when the key has no such version. */
    public KeyVersion version(int v) {
        return v >= 1 && v <= versions.size() ? versions.get(v - 1) : null;
    }

    public LiveKey with(KeyRecord newMeta) {
        return new LiveKey(newMeta, versions);
    }
}
