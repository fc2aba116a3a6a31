package dev.coffer.kms.alias;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.AliasRef;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.internal.Markers;
import dev.coffer.kms.internal.Markers.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * CreateAlias, UpdateAlias, DeleteAlias, ListAliases. Aliases are per account; {@code alias/aws/} is reserved
 * for AWS managed keys. Alias changes are rare, so one lock orders them; the database is written first, then
 * the in-memory alias map that key resolution reads.
 */
public final class Aliases {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    private static final int MAX_NAME = 256;

    private final KmsContext ctx;
    private final KeyResolver resolver;
    private final ReentrantLock lock = new ReentrantLock();

    public Aliases(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    public void create(Principal caller, String aliasName, String targetKeyId) {
        checkName(aliasName);
        LiveKey target = target(caller, targetKeyId, "CreateAlias");
        AliasRef ref = new AliasRef(caller.accountId(), aliasName);
        Instant now = ctx.now();
        lock.lock();
        try {
            int inserted = ctx.registry().store().write(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_aliases (account_id, alias_name,"
                        + " key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    s.setString(1, caller.accountId());
                    s.setString(2, aliasName);
                    s.setString(3, target.meta().keyId());
                    s.setLong(4, now.toEpochMilli());
                    s.setLong(5, now.toEpochMilli());
                    return s.executeUpdate();
                }
            });
            if (inserted == 0) {
                throw new KmsException(KmsErrorCode.ALREADY_EXISTS, "An alias with the name "
                        + ctx.aliasArn(caller, aliasName) + " already exists");
            }
            ctx.registry().publishAlias(ref, Optional.of(target.meta().keyId()));
        } finally {
            lock.unlock();
        }
    }

    public void update(Principal caller, String aliasName, String targetKeyId) {
        checkName(aliasName);
        LiveKey target = target(caller, targetKeyId, "UpdateAlias");
        AliasRef ref = new AliasRef(caller.accountId(), aliasName);
        lock.lock();
        try {
            int updated = ctx.registry().store().write(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE kms_aliases SET key_id = ?, updated_at = ?"
                        + " WHERE account_id = ? AND alias_name = ?")) {
                    s.setString(1, target.meta().keyId());
                    s.setLong(2, ctx.now().toEpochMilli());
                    s.setString(3, caller.accountId());
                    s.setString(4, aliasName);
                    return s.executeUpdate();
                }
            });
            if (updated == 0) {
                throw notFound(caller, aliasName);
            }
            ctx.registry().publishAlias(ref, Optional.of(target.meta().keyId()));
        } finally {
            lock.unlock();
        }
    }

    public void delete(Principal caller, String aliasName) {
        checkName(aliasName);
        lock.lock();
        try {
            int deleted = ctx.registry().store().write(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM kms_aliases WHERE account_id = ? AND alias_name = ?")) {
                    s.setString(1, caller.accountId());
                    s.setString(2, aliasName);
                    return s.executeUpdate();
                }
            });
            if (deleted == 0) {
                throw notFound(caller, aliasName);
            }
            ctx.registry().publishAlias(new AliasRef(caller.accountId(), aliasName), Optional.empty());
        } finally {
            lock.unlock();
        }
    }

    public Page<AliasEntry> list(Principal caller, Optional<String> keyId, Optional<Integer> limit,
            Optional<String> marker) {
        int max = Markers.limit(limit, 1000, 100);
        Optional<String> filter = keyId.map(k -> resolver.resolveKeyOnly(caller, k).meta().keyId());
        List<AliasEntry> all = ctx.registry().store().read(c -> {
            List<AliasEntry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT alias_name, key_id, created_at, updated_at"
                    + " FROM kms_aliases WHERE account_id = ? ORDER BY alias_name")) {
                s.setString(1, caller.accountId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (filter.isEmpty() || filter.get().equals(r.getString(2))) {
                            out.add(new AliasEntry(r.getString(1), ctx.aliasArn(caller, r.getString(1)), r.getString(2),
                                    Instant.ofEpochMilli(r.getLong(3)), Instant.ofEpochMilli(r.getLong(4))));
                        }
                    }
                }
            }
            return out;
        });
        return Markers.page(all, AliasEntry::aliasName, max, marker);
    }

    private LiveKey target(Principal caller, String targetKeyId, String action) {
        if (targetKeyId.startsWith("alias/") || targetKeyId.matches("arn:[^:]*:kms:[^:]*:[^:]*:alias/.*")) {
            throw KmsException.validation("Aliases must refer to keys. Not aliases");
        }
        LiveKey target = resolver.resolveKeyOnly(caller, targetKeyId);
        KeyResolver.requireCustomerManaged(caller, target.meta(), action);
        KeyResolver.requireNotPendingDeletion(target.meta());
        return target;
    }

    private KmsException notFound(Principal caller, String aliasName) {
        return KmsException.notFound("Alias " + ctx.aliasArn(caller, aliasName) + " is not found.");
    }

    static void checkName(String aliasName) {
        if (aliasName.length() > MAX_NAME) {
            throw KmsException.validation("aliasName", aliasName, "Member must have length less than or equal to "
                    + MAX_NAME);
        }
        if (!NAME.matcher(aliasName).matches()) {
            throw KmsException.validation("aliasName", aliasName,
                    "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        if (!aliasName.startsWith("alias/") || aliasName.length() == "alias/".length()) {
            throw new KmsException(KmsErrorCode.INVALID_ALIAS_NAME, "Alias must start with the prefix \"alias/\"."
                    + " Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (aliasName.startsWith("alias/aws/")) {
            throw new KmsException(KmsErrorCode.NOT_AUTHORIZED, "Cannot create, update or delete an alias that"
                    + " begins with alias/aws/: the prefix is reserved for AWS managed keys.");
        }
    }
}
