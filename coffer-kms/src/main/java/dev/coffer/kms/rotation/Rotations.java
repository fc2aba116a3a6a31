package dev.coffer.kms.rotation;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyRegistry.Outcome;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyRows;
import dev.coffer.kms.internal.KeyVersion;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.internal.Markers;
import dev.coffer.kms.internal.Markers.Page;
import dev.coffer.kms.key.KeyLifecycle;
import dev.coffer.kms.key.KeyState;
import dev.coffer.kms.rotation.RotationRequests.RotationEntry;
import dev.coffer.kms.rotation.RotationRequests.RotationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations, and
 * the automatic rotations the scheduler runs. A rotation adds a key version; new ciphertexts use it and
 * every older version keeps decrypting.
 */
public final class Rotations {
    public static final int MIN_PERIOD_DAYS = 90;
    public static final int MAX_PERIOD_DAYS = 2560;
    public static final int DEFAULT_PERIOD_DAYS = 365;
    /** AWS's per-key limit on on-demand rotations (current service model). */
    public static final int MAX_ON_DEMAND = 25;

    private final KmsContext ctx;
    private final KeyResolver resolver;

    public Rotations(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    public void enable(Principal caller, String keyRef, Optional<Integer> periodInDays) {
        int days = periodInDays.orElse(DEFAULT_PERIOD_DAYS);
        if (days < MIN_PERIOD_DAYS) {
            throw KmsException.validation("rotationPeriodInDays", days, "Member must have value greater than or equal to "
                    + MIN_PERIOD_DAYS);
        }
        if (days > MAX_PERIOD_DAYS) {
            throw KmsException.validation("rotationPeriodInDays", days, "Member must have value less than or equal to "
                    + MAX_PERIOD_DAYS);
        }
        change(caller, keyRef, "EnableKeyRotation", k -> {
            requireEnabled(k);
            return k.withRotation(days, Optional.of(ctx.now().plus(Duration.ofDays(days))));
        });
    }

    public void disable(Principal caller, String keyRef) {
        change(caller, keyRef, "DisableKeyRotation", k -> {
            requireEnabled(k);
            return k.withRotation(0, Optional.empty());
        });
    }

    public RotationStatus status(Principal caller, String keyRef) {
        KeyRecord k = resolver.resolve(caller, keyRef).meta();
        KeyResolver.requireNotPendingDeletion(k);
        return k.rotationEnabled()
                ? new RotationStatus(true, k.arn(), Optional.of(k.rotationPeriodDays()), k.nextRotationAt())
                : new RotationStatus(false, k.arn(), Optional.empty(), Optional.empty());
    }

    /** Rotates now; leaves the automatic schedule alone. Returns the key's ARN. */
    public String rotateOnDemand(Principal caller, String keyRef) {
        LiveKey key = resolver.resolve(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), "RotateKeyOnDemand");
        return ctx.registry().update(key.meta().keyId(), (current, c) -> {
            requireEnabled(current.meta());
            long onDemand = current.versions().stream()
                    .filter(v -> v.rotationType().filter("ON_DEMAND"::equals).isPresent()).count();
            if (onDemand >= MAX_ON_DEMAND) {
                throw new KmsException(KmsErrorCode.LIMIT_EXCEEDED, "The on-demand rotations limit has been reached"
                        + " for this key " + current.meta().arn() + ". You can rotate a key on demand at most "
                        + MAX_ON_DEMAND + " times.");
            }
            LiveKey next = addVersion(current, c, "ON_DEMAND", current.meta().nextRotationAt());
            return new Outcome<>(next, current.meta().arn());
        });
    }

    public Page<RotationEntry> list(Principal caller, String keyRef, Optional<String> includeKeyMaterial,
            Optional<Integer> limit, Optional<String> marker) {
        LiveKey key = resolver.resolve(caller, keyRef);
        int max = Markers.limit(limit, 1000, 100);
        boolean all = includeKeyMaterial.filter("ALL_KEY_MATERIAL"::equals).isPresent();
        List<RotationEntry> entries = new ArrayList<>();
        for (KeyVersion v : key.versions()) {
            if (v.rotationType().isEmpty() && !all) {
                continue; // the original material is not a rotation
            }
            entries.add(new RotationEntry(key.meta().keyId(), v.materialId(),
                    v.version() == key.meta().currentVersion() ? "CURRENT" : "NON_CURRENT",
                    v.rotationType().isPresent() ? Optional.of(v.createdAt()) : Optional.empty(), v.rotationType()));
        }
        // Zero-padded version numbers sort as strings in version order.
        return Markers.page(entries, e -> String.format("%010d", versionOf(key, e)), max, marker);
    }

    private static int versionOf(LiveKey key, RotationEntry e) {
        for (KeyVersion v : key.versions()) {
            if (v.materialId().equals(e.keyMaterialId())) {
                return v.version();
            }
        }
        return 0;
    }

    /** Runs every automatic rotation that is due; returns how many. Called by the scheduler. */
    public int rotateDue() {
        Instant now = ctx.now();
        int n = 0;
        for (LiveKey k : ctx.registry().all()) {
            KeyRecord m = k.meta();
            if (m.state() == KeyState.ENABLED && m.rotationEnabled() && m.nextRotationAt().isPresent()
                    && !m.nextRotationAt().get().isAfter(now)) {
                Boolean rotated = ctx.registry().update(m.keyId(), (current, c) -> {
                    KeyRecord cm = current.meta();
                    if (cm.state() != KeyState.ENABLED || cm.nextRotationAt().isEmpty()
                            || cm.nextRotationAt().get().isAfter(now)) {
                        return new Outcome<>(current, false);
                    }
                    Instant next = cm.nextRotationAt().get().plus(Duration.ofDays(cm.rotationPeriodDays()));
                    if (!next.isAfter(now)) {
                        next = now.plus(Duration.ofDays(cm.rotationPeriodDays())); // long overdue: one rotation
                    }
                    return new Outcome<>(addVersion(current, c, "AUTOMATIC", Optional.of(next)), true);
                });
                n += rotated ? 1 : 0;
            }
        }
        return n;
    }

    private LiveKey addVersion(LiveKey current, java.sql.Connection c, String type, Optional<Instant> nextRotation)
            throws java.sql.SQLException {
        int v = current.versions().size() + 1;
        Instant now = ctx.now();
        KeyVersion version = KeyLifecycle.newVersion(ctx, v, now, Optional.of(type));
        KeyRecord meta = current.meta().withCurrentVersion(v, nextRotation);
        KeyRows.insertVersion(c, meta.keyId(), v, version.materialId(),
                ctx.sealer().seal(meta.arn(), v, version.material()), version.rotationType(), now);
        KeyRows.update(c, meta);
        List<KeyVersion> versions = new ArrayList<>(current.versions());
        versions.add(version);
        return new LiveKey(meta, versions);
    }

    private static void requireEnabled(KeyRecord k) {
        KeyResolver.requireUsable(k);
        if (!k.keySpec().equals("SYMMETRIC_DEFAULT") || !k.keyUsage().equals("ENCRYPT_DECRYPT")) {
            // AWS's wording for asymmetric and HMAC keys.
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "You cannot perform this operation on a"
                    + " non-symmetric key or a key with non-ENCRYPT_DECRYPT key usage.");
        }
        if (!k.origin().equals("AWS_KMS")) {
            // AWS rotates imported material only after new material is imported (ImportType NEW_KEY_MATERIAL),
            // which this server does not support yet.
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, k.arn() + " has imported key material;"
                    + " its rotation is not supported.");
        }
    }

    private interface Change {
        KeyRecord apply(KeyRecord current);
    }

    private void change(Principal caller, String keyRef, String action, Change change) {
        LiveKey key = resolver.resolve(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), action);
        ctx.registry().update(key.meta().keyId(), (current, c) -> {
            KeyRecord next = change.apply(current.meta());
            KeyRows.update(c, next);
            return new Outcome<Void>(current.with(next), null);
        });
    }
}
