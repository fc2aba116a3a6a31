package dev.coffer.s3.sse;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.store.MetadataStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS-managed key of each account that SSE-KMS uses when a request names no key ({@code alias/aws/s3}),
 * created on first use as the requester. Until KMS can hold the reserved alias itself, S3 keeps the key's ARN
 * per account in {@code s3_managed_keys} and resolves {@code alias/aws/s3} to it.
 */
final class ManagedKeys {
    static final String ALIAS = "alias/aws/s3";
    private static final String DESCRIPTION = "Default key that protects my S3 objects when no other key is defined";

    private final MetadataStore store;
    private final KmsGateway kms;
    private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();

    ManagedKeys(MetadataStore store, KmsGateway kms) {
        this.store = store;
        this.kms = kms;
    }

    /** {@code keyId} itself, or the managed key's ARN if {@code keyId} is absent or names {@code alias/aws/s3}. */
    String resolve(Principal caller, Optional<String> keyId) {
        if (keyId.isPresent() && !isManagedAlias(keyId.get())) {
            return keyId.get();
        }
        return known.computeIfAbsent(caller.accountId(), account -> find(account).orElseGet(() -> create(caller)));
    }

    private static boolean isManagedAlias(String keyId) {
        return keyId.equals(ALIAS) || (keyId.startsWith("arn:") && keyId.endsWith(":" + ALIAS));
    }

    private Optional<String> find(String account) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT key_arn FROM s3_managed_keys WHERE account_id = ?")) {
                s.setString(1, account);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private String create(Principal caller) {
        String arn;
        try {
            arn = kms.service().createKey(caller, new KeyRequests.CreateKey(Optional.empty(), Optional.of(DESCRIPTION),
                    Optional.empty(), Optional.empty(), Optional.empty(), false, java.util.List.of(), false)).arn();
        } catch (KmsException e) {
            throw KmsErrors.toS3(e, ALIAS);
        }
        return store.write(c -> {
            // Another node may have won the race; its key is the one.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO s3_managed_keys (account_id, key_arn) "
                    + "VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING")) {
                s.setString(1, caller.accountId());
                s.setString(2, arn);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT key_arn FROM s3_managed_keys WHERE account_id = ?")) {
                s.setString(1, caller.accountId());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }
}
