package dev.coffer.kms.internal;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import dev.coffer.kms.key.KeyState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL for {@code kms_keys} and {@code kms_key_versions}; every method runs on the caller's transaction. */
public final class KeyRows {
    private static final String COLUMNS = "key_id, account_id, region, arn, description, key_spec, key_usage, origin,"
            + " key_manager, key_state, created_at, deletion_date, pending_window_days, rotation_enabled,"
            + " rotation_period_days, next_rotation_at, current_version, expiration_model, valid_to";

    private KeyRows() {}

    public static void insert(Connection c, KeyRecord k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_keys (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, k.keyId());
            s.setString(2, k.accountId());
            s.setString(3, k.region());
            s.setString(4, k.arn());
            s.setString(5, k.description());
            s.setString(6, k.keySpec());
            s.setString(7, k.keyUsage());
            s.setString(8, k.origin());
            s.setString(9, k.keyManager());
            s.setString(10, k.state().wire());
            s.setLong(11, k.createdAt().toEpochMilli());
            setMutable(s, 12, k);
            setImport(s, 18, k);
            s.executeUpdate();
        }
    }

    /** Writes every field a change may touch. */
    public static void update(Connection c, KeyRecord k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE kms_keys SET description = ?, key_state = ?,"
                + " deletion_date = ?, pending_window_days = ?, rotation_enabled = ?, rotation_period_days = ?,"
                + " next_rotation_at = ?, current_version = ?, expiration_model = ?, valid_to = ? WHERE key_id = ?")) {
            s.setString(1, k.description());
            s.setString(2, k.state().wire());
            setMutable(s, 3, k);
            setImport(s, 9, k);
            s.setString(11, k.keyId());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("key row vanished: " + k.keyId());
            }
        }
    }

    /** Six parameters from {@code first}: deletion date … current version. */
    private static void setMutable(PreparedStatement s, int first, KeyRecord k) throws SQLException {
        setLong(s, first, k.deletionDate().map(Instant::toEpochMilli));
        if (k.pendingWindowDays() > 0) {
            s.setInt(first + 1, k.pendingWindowDays());
        } else {
            s.setNull(first + 1, Types.INTEGER);
        }
        s.setInt(first + 2, k.rotationEnabled() ? 1 : 0);
        if (k.rotationEnabled()) {
            s.setInt(first + 3, k.rotationPeriodDays());
        } else {
            s.setNull(first + 3, Types.INTEGER);
        }
        setLong(s, first + 4, k.nextRotationAt().map(Instant::toEpochMilli));
        s.setInt(first + 5, k.currentVersion());
    }

    /** Two parameters from {@code first}: expiration model, valid-to. */
    private static void setImport(PreparedStatement s, int first, KeyRecord k) throws SQLException {
        s.setString(first, k.expirationModel().orElse(null));
        setLong(s, first + 1, k.validTo().map(Instant::toEpochMilli));
    }

    private static void setLong(PreparedStatement s, int i, Optional<Long> v) throws SQLException {
        if (v.isPresent()) {
            s.setLong(i, v.get());
        } else {
            s.setNull(i, Types.BIGINT);
        }
    }

    public static void insertVersion(Connection c, String keyId, int version, String materialId, byte[] sealed,
            Optional<String> rotationType, Instant createdAt) throws SQLException {
        insertVersion(c, keyId, version, materialId, sealed, Optional.empty(), rotationType, createdAt);
    }

    /** A version with its public key in clear (asymmetric keys); the private key is in {@code sealed}. */
    public static void insertVersion(Connection c, String keyId, int version, String materialId, byte[] sealed,
            Optional<byte[]> publicKey, Optional<String> rotationType, Instant createdAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_key_versions (key_id, version, material_id,"
                + " sealed_material, public_key, rotation_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, keyId);
            s.setInt(2, version);
            s.setString(3, materialId);
            s.setBytes(4, sealed);
            s.setBytes(5, publicKey.orElse(null));
            s.setString(6, rotationType.orElse(null));
            s.setLong(7, createdAt.toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Removes the key and everything that refers to it: the material is gone for good. */
    public static void delete(Connection c, String keyId) throws SQLException {
        for (String table : List.of("kms_import_tokens", "kms_grants", "kms_key_policies", "kms_key_tags",
                "kms_aliases", "kms_key_versions", "kms_keys")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE key_id = ?")) {
                s.setString(1, keyId);
                s.executeUpdate();
            }
        }
    }

    /** Every key with its material unsealed, for the registry at start-up. */
    public static List<LiveKey> loadAll(Connection c, MaterialSealer sealer) throws SQLException {
        Map<String, KeyRecord> records = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM kms_keys");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long deletion = r.getLong(12);
                Optional<Instant> deletionDate = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deletion));
                int window = r.getInt(13);
                int period = r.getInt(14) == 1 ? r.getInt(15) : 0;
                long next = r.getLong(16);
                Optional<Instant> nextRotation = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
                KeyRecord k = new KeyRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                        KeyState.fromWire(r.getString(10)), Instant.ofEpochMilli(r.getLong(11)), deletionDate, window,
                        period, nextRotation, r.getInt(17), Optional.ofNullable(r.getString(18)),
                        optionalInstant(r, 19));
                records.put(k.keyId(), k);
            }
        }
        Map<String, List<KeyVersion>> versions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT key_id, version, material_id, sealed_material,"
                + " rotation_type, created_at, public_key FROM kms_key_versions ORDER BY key_id, version");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                KeyRecord k = records.get(r.getString(1));
                int v = r.getInt(2);
                byte[] sealed = r.getBytes(4);
                if (sealed == null) {
                    continue; // imported material that was deleted or expired: the key is PendingImport
                }
                try {
                    Secret material = sealer.open(k.arn(), v, sealed);
                    versions.computeIfAbsent(k.keyId(), id -> new ArrayList<>()).add(new KeyVersion(v, r.getString(3),
                            material, Instant.ofEpochMilli(r.getLong(6)), Optional.ofNullable(r.getString(5)),
                            KeyMaterials.parse(k.keySpec(), material, r.getBytes(7))));
                } catch (CryptoException e) {
                    throw new IllegalStateException("material of " + k.arn() + " version " + v
                            + " does not open under this root key", e);
                }
            }
        }
        List<LiveKey> out = new ArrayList<>();
        for (KeyRecord k : records.values()) {
            out.add(new LiveKey(k, versions.getOrDefault(k.keyId(), List.of())));
        }
        return out;
    }

    private static Optional<Instant> optionalInstant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    /** Aliases by (account, name) → key id, for the registry at start-up. */
    public static Map<AliasRef, String> loadAliases(Connection c) throws SQLException {
        Map<AliasRef, String> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT account_id, alias_name, key_id FROM kms_aliases");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(new AliasRef(r.getString(1), r.getString(2)), r.getString(3));
            }
        }
        return out;
    }
}
