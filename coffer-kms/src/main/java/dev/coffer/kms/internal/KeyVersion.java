package dev.coffer.kms.internal;

import dev.coffer.crypto.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a key's material, unwrapped, in memory only. The {@link Secret} is shared by every
 * snapshot of the key and zeroed when the key is destroyed.
 *
 * @param rotationType empty for the key's first material, else {@code AUTOMATIC} or {@code ON_DEMAND}
 */
public record KeyVersion(int version, String materialId, Secret material, Instant createdAt,
        Optional<String> rotationType) {
    public KeyVersion {
        Objects.requireNonNull(materialId, "materialId");
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(rotationType, "rotationType");
    }
}
