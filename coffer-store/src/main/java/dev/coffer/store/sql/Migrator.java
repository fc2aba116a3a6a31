package dev.coffer.store.sql;

import dev.coffer.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending migrations, each in its own transaction together with its {@code schema_version} row,
 * so a migration is either fully applied and recorded or not at all. Refuses a database whose history
 * this code does not recognise: one migrated by a newer Coffer, or one whose applied migrations were
 * since edited.
 */
final class Migrator {
    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    BIGINT NOT NULL PRIMARY KEY,
                name       TEXT   NOT NULL,
                checksum   TEXT   NOT NULL,
                applied_at BIGINT NOT NULL
            )""";

    private record Applied(int version, String name, String checksum) {
    }

    private final JdbcMetadataStore store;
    private final Migrations migrations;
    private final InstantSource clock;

    Migrator(JdbcMetadataStore store, Migrations migrations, InstantSource clock) {
        this.store = store;
        this.migrations = migrations;
        this.clock = clock;
    }

    /** Returns the schema version the database is at afterwards. */
    int migrate() {
        store.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(CREATE_TABLE);
            }
            return null;
        });
        int version = store.write(c -> {
            store.dialect().lockForMigration(c);
            return check(applied(c));
        });
        for (Migration m : migrations.all().subList(version, migrations.latestVersion())) {
            store.write(c -> apply(c, m));
        }
        return migrations.latestVersion();
    }

    private Void apply(Connection c, Migration m) throws SQLException {
        // Read again inside the locked transaction: another process may have migrated since we looked.
        store.dialect().lockForMigration(c);
        if (check(applied(c)) >= m.version()) {
            return null;
        }
        List<String> statements;
        try {
            statements = SqlScript.statements(m.script(), store.dialect().placeholders());
        } catch (IllegalArgumentException e) {
            throw schemaError("migration " + m.fileName() + " is malformed: " + e.getMessage(), e);
        }
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw schemaError("migration " + m.fileName() + " failed on " + store.description() + ": "
                    + store.dialect().describe(e) + "; none of it was applied", e);
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, m.version());
            p.setString(2, m.name());
            p.setString(3, m.checksum());
            p.setLong(4, clock.millis());
            p.executeUpdate();
        }
        log.info("applied migration {} to {}", m.fileName(), store.description());
        return null;
    }

    private static List<Applied> applied(Connection c) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, name, checksum FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                rows.add(new Applied(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    /** Checks the applied history against the known migrations; returns the version the database is at. */
    private int check(List<Applied> applied) {
        for (int i = 0; i < applied.size(); i++) {
            if (applied.get(i).version() != i + 1) {
                throw schemaError("schema_version of " + store.description() + " lists version "
                        + applied.get(i).version() + " where " + (i + 1) + " was expected; the table was"
                        + " edited by hand", null);
            }
        }
        int known = migrations.latestVersion();
        if (applied.size() > known) {
            throw schemaError(store.description() + " is at schema version " + applied.size()
                    + ", but this Coffer knows versions up to " + known + ": a newer Coffer upgraded it."
                    + " Run that newer version, or restore a backup taken before the upgrade.", null);
        }
        for (Applied a : applied) {
            Migration m = migrations.all().get(a.version() - 1);
            if (!m.name().equals(a.name()) || !m.checksum().equals(a.checksum())) {
                throw schemaError("migration " + m.fileName() + " differs from the one applied to "
                        + store.description() + " (applied as '" + a.name() + "', checksum " + a.checksum()
                        + "). Applied migrations are frozen: revert the edit and add a new migration.", null);
            }
        }
        return applied.size();
    }

    private static StoreException schemaError(String message, Throwable cause) {
        return new StoreException(StoreException.Kind.SCHEMA, message, cause);
    }
}
