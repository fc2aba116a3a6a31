package dev.coffer.kms.rotation;

import java.time.Instant;
import java.util.Optional;

/** The results of the rotation operations ({@link Rotations}). */
public final class RotationRequests {
    private RotationRequests() {}

    /** GetKeyRotationStatus; period and next date only while automatic rotation is on. */
    public record RotationStatus(boolean enabled, String keyArn, Optional<Integer> rotationPeriodInDays,
            Optional<Instant> nextRotationDate) {}

    /** One entry of ListKeyRotations. */
    public record RotationEntry(String keyId, String keyMaterialId, String keyMaterialState, Optional<Instant> rotationDate,
            Optional<String> rotationType) {}
}
