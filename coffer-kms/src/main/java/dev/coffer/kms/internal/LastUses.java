package dev.coffer.kms.internal;

import dev.coffer.kms.internal.KeyRegistry.LastUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** Persists GetKeyLastUsage data, which the hot path records only in memory. */
public final class LastUses {
    private LastUses() {}

    static void load(Connection c, KeyRegistry registry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT key_id, last_used_operation, last_used_at,"
                + " last_used_request_id FROM kms_keys WHERE last_used_at IS NOT NULL");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                registry.restoreUse(r.getString(1), new LastUse(r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                        r.getString(4)));
            }
        }
    }

    public static void flush(KeyRegistry registry) {
        Map<String, LastUse> uses = registry.drainUses();
        if (uses.isEmpty()) {
            return;
        }
        registry.store().write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE kms_keys SET last_used_operation = ?,"
                    + " last_used_at = ?, last_used_request_id = ? WHERE key_id = ?")) {
                for (Map.Entry<String, LastUse> e : uses.entrySet()) {
                    s.setString(1, e.getValue().operation());
                    s.setLong(2, e.getValue().at().toEpochMilli());
                    s.setString(3, e.getValue().requestId());
                    s.setString(4, e.getKey());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }
}
