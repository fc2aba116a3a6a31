package dev.coffer.kms.key;

import dev.coffer.kms.tag.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The requests and results of the key lifecycle operations ({@link KeyLifecycle}). */
public final class KeyRequests {
    private KeyRequests() {}

    /** CreateKey. Absent members take AWS's defaults: SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, AWS_KMS. */
    public record CreateKey(Optional<String> policy, Optional<String> description, Optional<String> keyUsage,
            Optional<String> keySpec, Optional<String> origin, boolean bypassPolicyLockoutSafetyCheck, List<Tag> tags,
            boolean multiRegion) {
        public CreateKey {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(keyUsage, "keyUsage");
            Objects.requireNonNull(keySpec, "keySpec");
            Objects.requireNonNull(origin, "origin");
            tags = List.copyOf(tags);
        }

        public static CreateKey defaults() {
            return new CreateKey(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), false, List.of(), false);
        }
    }

    public record ListKeys(Optional<Integer> limit, Optional<String> marker) {}

    /** One entry of ListKeys. */
    public record KeyListEntry(String keyId, String keyArn) {}

    public record KeyList(List<KeyListEntry> keys, Optional<String> nextMarker) {
        public boolean truncated() {
            return nextMarker.isPresent();
        }
    }

    public record ScheduleKeyDeletion(String keyId, Optional<Integer> pendingWindowInDays) {}

    public record DeletionScheduled(String keyArn, Instant deletionDate, KeyState keyState, int pendingWindowInDays) {}

    /** GetKeyLastUsage: the last successful cryptographic use, if any since tracking started. */
    public record KeyLastUsage(String keyId, Optional<String> operation, Optional<Instant> timestamp,
            Optional<String> requestId, Instant trackingStartDate, Instant keyCreationDate) {}
}
