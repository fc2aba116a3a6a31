package dev.coffer.kms.key;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What DescribeKey returns for a key, field for field as AWS's {@code KeyMetadata}.
 *
 * @param currentKeyMaterialId the material id of the newest version
 * @param algorithms the algorithm lists; each list is sent only when non-empty
 * @param expirationModel for keys with imported material, once material was imported
 */
public record KeyMetadata(String awsAccountId, String keyId, String arn, Instant creationDate, boolean enabled,
        String description, String keyUsage, KeyState keyState, Optional<Instant> deletionDate, String origin,
        String keyManager, String keySpec, KeySpecs.Algorithms algorithms, boolean multiRegion,
        Optional<String> currentKeyMaterialId, Optional<String> expirationModel, Optional<Instant> validTo) {
    public KeyMetadata {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(deletionDate, "deletionDate");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(currentKeyMaterialId, "currentKeyMaterialId");
        Objects.requireNonNull(expirationModel, "expirationModel");
        Objects.requireNonNull(validTo, "validTo");
    }

    /** The encryption algorithms (SYMMETRIC_DEFAULT for symmetric keys). */
    public List<String> encryptionAlgorithms() {
        return algorithms.encryption();
    }
}
