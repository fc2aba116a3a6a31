package dev.coffer.iam;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import dev.coffer.store.MetadataStore;
import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the server accepts. Secrets are stored only sealed under the root key (AES-256-GCM,
 * bound to the access key id), and unsealed into memory on first use.
 *
 * <p>Lookups sit on the hot path of every request, so unsealed keys are cached; this server is the only
 * writer of the table in the embedded setup, and it invalidates the cache on every change.
 */
public final class AccessKeys {
    static final String ROOT_USER = "root";

    private final MetadataStore store;
    private final Secret rootKey;
    private final AesGcm aesGcm;
    private final SecureRandom random;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Optional<AccessKey>> cache = new ConcurrentHashMap<>();

    public AccessKeys(MetadataStore store, Secret rootKey, SecureRandom random, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.rootKey = Objects.requireNonNull(rootKey, "rootKey");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.aesGcm = new AesGcm(random);
    }

    /** The active or inactive key with this id, or empty when there is none (or it cannot be unsealed). */
    public Optional<AccessKey> find(String accessKeyId) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        if (!AccessKeyFormat.ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(accessKeyId, this::load);
    }

    private Optional<AccessKey> load(String accessKeyId) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT account_id, arn, user_name, sealed_secret, status FROM access_keys WHERE access_key_id = ?")) {
                s.setString(1, accessKeyId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    String accountId = r.getString(1);
                    String arn = r.getString(2);
                    String userName = r.getString(3);
                    byte[] secret = unseal(accessKeyId, r.getBytes(4));
                    String userId = ROOT_USER.equals(userName) ? accountId : accessKeyId;
                    return Optional.of(new AccessKey(new Principal(accountId, arn, userId, accessKeyId),
                            Secret.wrap(secret), "Active".equals(r.getString(5))));
                }
            }
        });
    }

    /**
     * Makes sure the account root has credentials: the given ones when the operator configured them
     * (stored, or re-sealed if their secret changed), else the ones stored earlier, else new ones.
     */
    public RootCredentials ensureRoot(Optional<String> configuredAccessKeyId, Optional<char[]> configuredSecret) {
        if (configuredAccessKeyId.isPresent() != configuredSecret.isPresent()) {
            throw new IllegalArgumentException(
                    "set both COFFER_ROOT_ACCESS_KEY_ID and COFFER_ROOT_SECRET_ACCESS_KEY, or neither");
        }
        RootCredentials result = store.write(c -> {
            Optional<String[]> existing = firstRootKey(c);
            String accountId = existing.map(e -> e[1]).orElseGet(() -> AccessKeyFormat.newAccountId(random));
            if (configuredAccessKeyId.isPresent()) {
                String id = configuredAccessKeyId.get();
                if (!AccessKeyFormat.ACCESS_KEY_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException(
                            "COFFER_ROOT_ACCESS_KEY_ID must be 16 to 128 upper-case letters and digits");
                }
                char[] secret = configuredSecret.get();
                if (secret.length < 8 || secret.length > 128) {
                    throw new IllegalArgumentException("COFFER_ROOT_SECRET_ACCESS_KEY must be 8 to 128 characters");
                }
                upsertRootKey(c, id, secret, accountId);
                return new RootCredentials(id, secret, accountId, false);
            }
            if (existing.isPresent()) {
                String id = existing.get()[0];
                return new RootCredentials(id, new char[0], accountId, false);
            }
            String id = AccessKeyFormat.newAccessKeyId(random);
            char[] secret = AccessKeyFormat.newSecretAccessKey(random);
            upsertRootKey(c, id, secret, accountId);
            RootCredentials created = new RootCredentials(id, secret, accountId, true);
            Arrays.fill(secret, '\0');
            return created;
        });
        cache.clear();
        return result;
    }

    private static Optional<String[]> firstRootKey(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT access_key_id, account_id FROM access_keys WHERE user_name = ? ORDER BY created_at, access_key_id")) {
            s.setString(1, ROOT_USER);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2)}) : Optional.empty();
            }
        }
    }

    private void upsertRootKey(Connection c, String accessKeyId, char[] secret, String accountId) throws SQLException {
        byte[] secretBytes = toUtf8(secret);
        byte[] sealed;
        try {
            sealed = aesGcm.seal(rootKey, secretBytes, aad(accessKeyId));
        } finally {
            Arrays.fill(secretBytes, (byte) 0);
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO access_keys (access_key_id, user_name, account_id, arn, sealed_secret, status, created_at)
                VALUES (?, ?, ?, ?, ?, 'Active', ?)
                ON CONFLICT (access_key_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, status = 'Active'""")) {
            s.setString(1, accessKeyId);
            s.setString(2, ROOT_USER);
            s.setString(3, accountId);
            s.setString(4, "arn:aws:iam::" + accountId + ":root");
            s.setBytes(5, sealed);
            s.setLong(6, clock.millis());
            s.executeUpdate();
        }
    }

    private byte[] unseal(String accessKeyId, byte[] sealed) {
        try {
            return aesGcm.open(rootKey, sealed, aad(accessKeyId));
        } catch (CryptoException e) {
            // A row the root key cannot open was not written by this server with this root key.
            throw new IllegalStateException("stored secret of access key " + accessKeyId
                    + " cannot be unsealed with this root key; is the data dir's root key the one it was created with?");
        }
    }

    private static byte[] aad(String accessKeyId) {
        return ("coffer/access-key/v1/" + accessKeyId).getBytes(UTF_8);
    }

    private static byte[] toUtf8(char[] chars) {
        ByteBuffer b = UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }
}
