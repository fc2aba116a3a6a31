package dev.coffer.kms.key;

import dev.coffer.iam.Principal;
import dev.coffer.kms.internal.AliasRef;
import dev.coffer.kms.internal.KeyMaterials;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyRows;
import dev.coffer.kms.internal.KeyVersion;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.policy.KeyPolicies;
import dev.coffer.kms.rotation.Rotations;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The AWS managed keys: one per account and service, named {@code alias/aws/<service>}, which the service
 * creates the first time an account needs it. As on AWS they are SYMMETRIC_DEFAULT keys with KeyManager
 * {@code AWS}, the service's key policy and yearly automatic rotation; the account can use and view them but
 * every change is refused ({@link KeyResolver#requireCustomerManaged}), and customers cannot create aliases
 * under {@code alias/aws/}.
 *
 * <p>Contract: concurrent first uses create one key. Creation takes one lock (it happens once per account and
 * service) and writes key, version, policy and alias in one transaction before publishing the key and its alias.
 */
public final class AwsManagedKeys {
    /** The services that have an AWS managed key here, with the description AWS gives it. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "s3", "Default key that protects my S3 objects when no other key is defined");

    private final KmsContext ctx;
    private final ReentrantLock lock = new ReentrantLock();

    public AwsManagedKeys(KmsContext ctx) {
        this.ctx = ctx;
    }

    /** The alias of {@code service}'s managed key, e.g. {@code alias/aws/s3}. */
    public static String aliasName(String service) {
        return "alias/aws/" + service;
    }

    /**
     * The caller's account's managed key for {@code service}, created now if the account has none.
     *
     * @throws IllegalArgumentException for a service without an AWS managed key here
     */
    public KeyMetadata getOrCreate(Principal caller, String service) {
        Objects.requireNonNull(caller, "caller");
        String description = DESCRIPTIONS.get(Objects.requireNonNull(service, "service"));
        if (description == null) {
            throw new IllegalArgumentException("no AWS managed key for service " + service);
        }
        AliasRef ref = new AliasRef(caller.accountId(), aliasName(service));
        Optional<LiveKey> existing = find(ref);
        if (existing.isPresent()) {
            return KeyLifecycle.metadata(existing.get());
        }
        lock.lock();
        try {
            existing = find(ref);
            return KeyLifecycle.metadata(existing.isPresent() ? existing.get() : create(caller, service, description,
                    ref));
        } finally {
            lock.unlock();
        }
    }

    private Optional<LiveKey> find(AliasRef ref) {
        return ctx.registry().alias(ref).flatMap(ctx.registry()::get);
    }

    private LiveKey create(Principal caller, String service, String description, AliasRef ref) {
        String keyId = KeyLifecycle.randomUuid(ctx).toString();
        String arn = ctx.keyArn(caller.accountId(), keyId);
        Instant now = ctx.now();
        int days = Rotations.DEFAULT_PERIOD_DAYS; // AWS rotates its managed keys every year
        KeyRecord meta = new KeyRecord(keyId, caller.accountId(), ctx.region(), arn, description, "SYMMETRIC_DEFAULT",
                "ENCRYPT_DECRYPT", "AWS_KMS", KeyResolver.AWS_MANAGER, KeyState.ENABLED, now, Optional.empty(), 0,
                days, Optional.of(now.plus(Duration.ofDays(days))), 1);
        KeyVersion v = KeyMaterials.generate(ctx, "SYMMETRIC_DEFAULT", 1, now, Optional.empty()).version();
        LiveKey key = new LiveKey(meta, List.of(v));
        ctx.registry().create(key, (k, c) -> {
            KeyRows.insert(c, meta);
            KeyRows.insertVersion(c, keyId, 1, v.materialId(), ctx.sealer().seal(arn, 1, v.material()),
                    Optional.empty(), Optional.empty(), now);
            KeyPolicies.store(c, keyId, policy(service, caller.accountId(), ctx.region()), now);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_aliases (account_id, alias_name, key_id,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, ref.accountId());
                s.setString(2, ref.aliasName());
                s.setString(3, keyId);
                s.setLong(4, now.toEpochMilli());
                s.setLong(5, now.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
        ctx.registry().publishAlias(ref, Optional.of(keyId));
        return key;
    }

    /**
     * The key policy AWS gives a service's managed key ({@code auto-<service>-2}): principals of the account may
     * use the key through the service, and the account may read its metadata. Formatted as AWS returns it.
     */
    static String policy(String service, String accountId, String region) {
        String name = service.toUpperCase(Locale.ROOT);
        return "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"auto-" + service + "-2\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Allow access through " + name + " for all principals in the account that are"
                + " authorized to use " + name + "\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"*\"\n    },\n"
                + "    \"Action\" : [ \"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\","
                + " \"kms:DescribeKey\" ],\n    \"Resource\" : \"*\",\n    \"Condition\" : {\n"
                + "      \"StringEquals\" : {\n        \"kms:CallerAccount\" : \"" + accountId + "\",\n"
                + "        \"kms:ViaService\" : \"" + service + "." + region + ".amazonaws.com\"\n      }\n    }\n"
                + "  }, {\n    \"Sid\" : \"Allow direct access to key metadata to the account\",\n"
                + "    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + accountId
                + ":root\"\n    },\n    \"Action\" : [ \"kms:Describe*\", \"kms:Get*\", \"kms:List*\" ],\n"
                + "    \"Resource\" : \"*\"\n  } ]\n}";
    }
}
