package dev.coffer.kms.key;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyRegistry;
import dev.coffer.kms.internal.KeyRegistry.LastUse;
import dev.coffer.kms.internal.KeyRegistry.Outcome;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyRows;
import dev.coffer.kms.internal.KeyMaterials;
import dev.coffer.kms.internal.KeyVersion;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.internal.Markers;
import dev.coffer.kms.internal.Markers.Page;
import dev.coffer.kms.key.KeyRequests.CreateKey;
import dev.coffer.kms.key.KeyRequests.DeletionScheduled;
import dev.coffer.kms.key.KeyRequests.KeyLastUsage;
import dev.coffer.kms.key.KeyRequests.KeyList;
import dev.coffer.kms.key.KeyRequests.KeyListEntry;
import dev.coffer.kms.key.KeyRequests.ListKeys;
import dev.coffer.kms.key.KeyRequests.ScheduleKeyDeletion;
import dev.coffer.kms.policy.KeyPolicies;
import dev.coffer.kms.tag.KeyTags;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The key lifecycle: CreateKey, DescribeKey, ListKeys, UpdateKeyDescription, EnableKey, DisableKey,
 * ScheduleKeyDeletion, CancelKeyDeletion, GetKeyLastUsage, and the destruction of keys past their deletion
 * date. CreateKey makes keys of every spec but SM2 ({@link KeySpecs}); an EXTERNAL key starts PendingImport.
 */
public final class KeyLifecycle {
    static final List<String> KEY_SPECS = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
            "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256",
            "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519",
            "ML_KEM_512", "ML_KEM_768", "ML_KEM_1024");
    static final List<String> KEY_USAGES = List.of("SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC",
            "KEY_AGREEMENT", "ENCAPSULATE_DECAPSULATE");
    static final List<String> ORIGINS = List.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");
    public static final int MAX_DESCRIPTION = 8192;
    public static final int MIN_WINDOW_DAYS = 7;
    public static final int MAX_WINDOW_DAYS = 30;

    private final KmsContext ctx;
    private final KeyRegistry registry;
    private final KeyResolver resolver;

    public KeyLifecycle(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.registry = ctx.registry();
        this.resolver = resolver;
    }

    public KeyMetadata create(Principal caller, CreateKey request) {
        String keySpec = enumValue("keySpec", request.keySpec(), KEY_SPECS, "SYMMETRIC_DEFAULT");
        String keyUsage = enumValue("keyUsage", request.keyUsage(), KEY_USAGES, "ENCRYPT_DECRYPT");
        String origin = enumValue("origin", request.origin(), ORIGINS, "AWS_KMS");
        String description = request.description().orElse("");
        if (description.length() > MAX_DESCRIPTION) {
            throw KmsException.validation("description", description, "Member must have length less than or equal to "
                    + MAX_DESCRIPTION);
        }
        KeySpecs.checkCreate(keySpec, keyUsage, origin);
        if (request.multiRegion()) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION,
                    "Multi-Region keys are not supported by this server yet.");
        }
        KeyTags.validate(request.tags());
        request.policy().ifPresent(KeyPolicies::validate);

        String keyId = randomUuid(ctx).toString();
        String arn = ctx.keyArn(caller.accountId(), keyId);
        Instant now = ctx.now();
        // Imported keys start without material (PendingImport); ImportKeyMaterial adds version 1.
        boolean imported = origin.equals("EXTERNAL");
        KeyRecord meta = new KeyRecord(keyId, caller.accountId(), ctx.region(), arn, description, keySpec, keyUsage,
                origin, "CUSTOMER", imported ? KeyState.PENDING_IMPORT : KeyState.ENABLED, now, Optional.empty(), 0, 0,
                Optional.empty(), 1);
        Optional<KeyMaterials.Generated> first = imported ? Optional.empty()
                : Optional.of(KeyMaterials.generate(ctx, keySpec, 1, now, Optional.empty()));
        LiveKey key = new LiveKey(meta, first.map(g -> List.of(g.version())).orElse(List.of()));
        String policy = request.policy().orElseGet(() -> KeyPolicies.defaultPolicy(caller.accountId()));
        registry.create(key, (k, c) -> {
            KeyRows.insert(c, meta);
            if (first.isPresent()) {
                KeyVersion v = first.get().version();
                KeyRows.insertVersion(c, keyId, 1, v.materialId(), ctx.sealer().seal(arn, 1, v.material()),
                        first.get().publicKeyDer(), Optional.empty(), now);
            }
            KeyPolicies.store(c, keyId, policy, now);
            KeyTags.upsert(c, keyId, request.tags());
            return null;
        });
        return metadata(key);
    }

    /** Fresh random material for a new version, with its 64-hex-digit material id. */
    public static KeyVersion newVersion(KmsContext ctx, int version, Instant at, Optional<String> rotationType) {
        byte[] id = new byte[32];
        ctx.random().nextBytes(id);
        return new KeyVersion(version, HexFormat.of().formatHex(id), Secret.random(32, ctx.random()), at, rotationType);
    }

    /** A version 4 UUID from the injected randomness. */
    static UUID randomUuid(KmsContext ctx) {
        long msb = (ctx.random().nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (ctx.random().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static String enumValue(String member, Optional<String> value, List<String> allowed, String dflt) {
        if (value.isEmpty()) {
            return dflt;
        }
        if (!allowed.contains(value.get())) {
            throw KmsException.validation(member, value.get(), "Member must satisfy enum value set: " + allowed);
        }
        return value.get();
    }

    public KeyMetadata describe(Principal caller, String keyRef) {
        return metadata(resolver.resolve(caller, keyRef));
    }

    public static KeyMetadata metadata(LiveKey key) {
        KeyRecord k = key.meta();
        return new KeyMetadata(k.accountId(), k.keyId(), k.arn(), k.createdAt(), k.state() == KeyState.ENABLED,
                k.description(), k.keyUsage(), k.state(), k.deletionDate(), k.origin(), k.keyManager(), k.keySpec(),
                KeySpecs.algorithms(k.keySpec(), k.keyUsage()), false,
                key.versions().isEmpty() ? Optional.empty() : Optional.of(key.current().materialId()),
                k.expirationModel(), k.validTo());
    }

    public KeyList list(Principal caller, ListKeys request) {
        int limit = Markers.limit(request.limit(), 1000, 100);
        List<KeyListEntry> mine = registry.all().stream()
                .filter(k -> k.meta().accountId().equals(caller.accountId()))
                .map(k -> new KeyListEntry(k.meta().keyId(), k.meta().arn()))
                .sorted(Comparator.comparing(KeyListEntry::keyId))
                .toList();
        Page<KeyListEntry> page = Markers.page(mine, KeyListEntry::keyId, limit, request.marker());
        return new KeyList(page.items(), page.nextMarker());
    }

    public void updateDescription(Principal caller, String keyRef, String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw KmsException.validation("description", description, "Member must have length less than or equal to "
                    + MAX_DESCRIPTION);
        }
        change(caller, keyRef, "UpdateKeyDescription", k -> {
            KeyResolver.requireNotPendingDeletion(k);
            return k.withDescription(description);
        });
    }

    public void enable(Principal caller, String keyRef) {
        change(caller, keyRef, "EnableKey", k -> {
            KeyResolver.requireNotPendingDeletion(k);
            return k.withState(KeyState.ENABLED);
        });
    }

    public void disable(Principal caller, String keyRef) {
        change(caller, keyRef, "DisableKey", k -> {
            KeyResolver.requireNotPendingDeletion(k);
            return k.withState(KeyState.DISABLED);
        });
    }

    public DeletionScheduled scheduleDeletion(Principal caller, ScheduleKeyDeletion request) {
        int days = request.pendingWindowInDays().orElse(MAX_WINDOW_DAYS);
        if (days < MIN_WINDOW_DAYS || days > MAX_WINDOW_DAYS) {
            throw KmsException.validation("PendingWindowInDays value must be between " + MIN_WINDOW_DAYS + " and "
                    + MAX_WINDOW_DAYS);
        }
        Instant date = ctx.now().plus(Duration.ofDays(days));
        KeyRecord k = change(caller, request.keyId(), "ScheduleKeyDeletion", current -> {
            KeyResolver.requireNotPendingDeletion(current);
            return current.withDeletion(KeyState.PENDING_DELETION, Optional.of(date), days);
        });
        return new DeletionScheduled(k.arn(), date, KeyState.PENDING_DELETION, days);
    }

    public String cancelDeletion(Principal caller, String keyRef) {
        return change(caller, keyRef, "CancelKeyDeletion", current -> {
            if (current.state() != KeyState.PENDING_DELETION) {
                throw KmsException.invalidState(current.arn() + " is not pending deletion.");
            }
            return current.withDeletion(KeyState.DISABLED, Optional.empty(), 0);
        }).arn();
    }

    public KeyLastUsage lastUsage(Principal caller, String keyRef) {
        LiveKey key = resolver.resolve(caller, keyRef);
        Optional<LastUse> use = registry.lastUse(key.meta().keyId());
        return new KeyLastUsage(key.meta().keyId(), use.map(LastUse::operation), use.map(LastUse::at),
                use.map(LastUse::requestId), key.meta().createdAt(), key.meta().createdAt());
    }

    /** Destroys every key whose deletion date has passed; returns how many. Called by the scheduler. */
    public int destroyDue() {
        Instant now = ctx.now();
        int n = 0;
        for (LiveKey k : registry.all()) {
            if (k.meta().state() == KeyState.PENDING_DELETION && k.meta().deletionDate().isPresent()
                    && !k.meta().deletionDate().get().isAfter(now)) {
                Boolean destroyed = registry.update(k.meta().keyId(), (current, c) -> {
                    if (current.meta().state() != KeyState.PENDING_DELETION) {
                        return new Outcome<>(current, false); // cancelled meanwhile
                    }
                    KeyRows.delete(c, current.meta().keyId());
                    return new Outcome<>(null, true);
                });
                n += destroyed ? 1 : 0;
            }
        }
        return n;
    }

    private interface Change {
        KeyRecord apply(KeyRecord current);
    }

    private KeyRecord change(Principal caller, String keyRef, String action, Change change) {
        LiveKey key = resolver.resolve(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), action);
        return registry.update(key.meta().keyId(), (current, c) -> {
            KeyRecord next = change.apply(current.meta());
            KeyRows.update(c, next);
            return new Outcome<>(current.with(next), next);
        });
    }
}
