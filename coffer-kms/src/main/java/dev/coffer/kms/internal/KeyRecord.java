package dev.coffer.kms.internal;

import dev.coffer.kms.key.KeyState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key's metadata as stored in {@code kms_keys}, immutable: a change makes a new record, written to the
 * database first and then published in the {@link KeyRegistry}.
 *
 * @param rotationPeriodDays 0 when automatic rotation is off
 * @param expirationModel for imported material: KEY_MATERIAL_EXPIRES or KEY_MATERIAL_DOES_NOT_EXPIRE
 * @param validTo for imported material that expires: when the scheduler deletes it
 */
public record KeyRecord(String keyId, String accountId, String region, String arn, String description, String keySpec,
        String keyUsage, String origin, String keyManager, KeyState state, Instant createdAt,
        Optional<Instant> deletionDate, int pendingWindowDays, int rotationPeriodDays,
        Optional<Instant> nextRotationAt, int currentVersion, Optional<String> expirationModel,
        Optional<Instant> validTo) {
    public KeyRecord {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deletionDate, "deletionDate");
        Objects.requireNonNull(nextRotationAt, "nextRotationAt");
        Objects.requireNonNull(expirationModel, "expirationModel");
        Objects.requireNonNull(validTo, "validTo");
    }

    /** A key without imported material. */
    public KeyRecord(String keyId, String accountId, String region, String arn, String description, String keySpec,
            String keyUsage, String origin, String keyManager, KeyState state, Instant createdAt,
            Optional<Instant> deletionDate, int pendingWindowDays, int rotationPeriodDays,
            Optional<Instant> nextRotationAt, int currentVersion) {
        this(keyId, accountId, region, arn, description, keySpec, keyUsage, origin, keyManager, state, createdAt,
                deletionDate, pendingWindowDays, rotationPeriodDays, nextRotationAt, currentVersion, Optional.empty(),
                Optional.empty());
    }

    /** Imported material arrived (model and date set) or went away (both empty), with the key's new state. */
    public KeyRecord withImport(KeyState s, Optional<String> model, Optional<Instant> until) {
        return new KeyRecord(keyId, accountId, region, arn, description, keySpec, keyUsage, origin, keyManager, s,
                createdAt, deletionDate, pendingWindowDays, rotationPeriodDays, nextRotationAt, currentVersion, model,
                until);
    }

    public boolean rotationEnabled() {
        return rotationPeriodDays > 0;
    }

    public KeyRecord withState(KeyState s) {
        return new KeyRecord(keyId, accountId, region, arn, description, keySpec, keyUsage, origin, keyManager, s,
                createdAt, deletionDate, pendingWindowDays, rotationPeriodDays, nextRotationAt, currentVersion,
                expirationModel, validTo);
    }

    public KeyRecord withDescription(String d) {
        return new KeyRecord(keyId, accountId, region, arn, d, keySpec, keyUsage, origin, keyManager, state,
                createdAt, deletionDate, pendingWindowDays, rotationPeriodDays, nextRotationAt, currentVersion,
                expirationModel, validTo);
    }

    public KeyRecord withDeletion(KeyState s, Optional<Instant> date, int windowDays) {
        return new KeyRecord(keyId, accountId, region, arn, description, keySpec, keyUsage, origin, keyManager, s,
                createdAt, date, windowDays, rotationPeriodDays, nextRotationAt, currentVersion,
                expirationModel, validTo);
    }

    public KeyRecord withRotation(int periodDays, Optional<Instant> next) {
        return new KeyRecord(keyId, accountId, region, arn, description, keySpec, keyUsage, origin, keyManager, state,
                createdAt, deletionDate, pendingWindowDays, periodDays, next, currentVersion,
                expirationModel, validTo);
    }

    public KeyRecord withCurrentVersion(int v, Optional<Instant> next) {
        return new KeyRecord(keyId, accountId, region, arn, description, keySpec, keyUsage, origin, keyManager, state,
                createdAt, deletionDate, pendingWindowDays, rotationPeriodDays, next, v,
                expirationModel, validTo);
    }
}
