package dev.coffer.kms.key;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What DescribeKey returns for a key, field for field as AWS's {@code KeyMetadata}.
 *
 * @param currentKeyMaterialId the material id of the newest version
 */
public record KeyMetadata(String awsAccountId, String keyId, String arn, Instant creationDate, boolean enabled,
        String description, String keyUsage, KeyState keyState, Optional<Instant> deletionDate, String origin,
        String keyManager, String keySpec, List<String> encryptionAlgorithms, boolean multiRegion,
        Optional<String> currentKeyMaterialId) {
    public KeyMetadata {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(deletionDate, "deletionDate");
        encryptionAlgorithms = List.copyOf(encryptionAlgorithms);
        Objects.requireNonNull(currentKeyMaterialId, "currentKeyMaterialId");
    }
}
