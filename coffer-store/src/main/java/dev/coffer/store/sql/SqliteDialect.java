package dev.coffer.store.sql;

import dev.coffer.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite through xerial sqlite-jdbc. Connections stay in JDBC auto-commit mode and transactions are
 * started and ended with plain statements: the driver's own non-auto-commit mode re-opens a transaction
 * right after every commit, which in IMMEDIATE mode would hold the database's write lock between our
 * transactions and lock out every other process.
 */
final class SqliteDialect implements SqlDialect {

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public Map<String, String> placeholders() {
        return Map.of("BYTES", "BLOB");
    }

    @Override
    public void begin(Connection c, Access access) throws SQLException {
        // IMMEDIATE takes the write lock up front: a write transaction never fails half-way with BUSY
        // because another connection wrote first. DEFERRED reads take a snapshot at their first SELECT.
        exec(c, access == Access.WRITE ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    }

    @Override
    public void commit(Connection c) throws SQLException {
        exec(c, "COMMIT");
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        exec(c, "ROLLBACK");
    }

    @Override
    public void lockForMigration(Connection c) {
        // BEGIN IMMEDIATE already holds the database's single write lock.
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public StoreException.Kind classify(SQLException e) {
        if (!(e instanceof SQLiteException se)) {
            return StoreException.Kind.FAILURE;
        }
        SQLiteErrorCode code = se.getResultCode();
        return switch (code) {
            case SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE -> StoreException.Kind.UNIQUE_VIOLATION;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> StoreException.Kind.FOREIGN_KEY_VIOLATION;
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT,
                 SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE -> StoreException.Kind.BUSY;
            default -> code.name().startsWith("SQLITE_CONSTRAINT")
                    ? StoreException.Kind.CONSTRAINT_VIOLATION
                    : StoreException.Kind.FAILURE;
        };
    }

    @Override
    public String describe(SQLException e) {
        // SQLite's messages name the constraint and its columns ("UNIQUE constraint failed: buckets.name"),
        // never the values, because Coffer binds every value as a parameter.
        return e.getMessage();
    }
}
