package dev.coffer.store.sql;

import dev.coffer.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What differs between the SQL engines Coffer runs on, and nothing else: how a transaction starts and
 * ends, how errors are classified, and the few type names migrations cannot share.
 *
 * <p>Migrations are written once for every engine. Where an engine needs a different word, the script
 * says {@code ${NAME}} and the dialect's {@link #placeholders()} supplies it. Today there is one:
 * {@code ${BYTES}} is {@code BLOB} on SQLite and {@code BYTEA} on PostgreSQL. An unknown placeholder fails
 * the migration, so a typo cannot slip through.
 */
interface SqlDialect {

    /** Whether a transaction may change data. */
    enum Access { READ, WRITE }

    /** For messages: "SQLite", "PostgreSQL". */
    String name();

    /** Words substituted for {@code ${NAME}} in migration scripts, by name. */
    Map<String, String> placeholders();

    void begin(Connection c, Access access) throws SQLException;

    void commit(Connection c) throws SQLException;

    void rollback(Connection c) throws SQLException;

    /**
     * Called first in each migration transaction so that servers starting together migrate one after the
     * other. On SQLite, {@code BEGIN IMMEDIATE} already excludes every other writer, so this does nothing;
     * PostgreSQL needs a transaction-scoped advisory lock here.
     */
    void lockForMigration(Connection c) throws SQLException;

    /** Sorts an engine error into the kinds callers act on. */
    StoreException.Kind classify(SQLException e);

    /**
     * The engine's message for {@code e}, safe to put in an exception: it must not contain row values. A
     * dialect whose engine echoes values (PostgreSQL's "Key (x)=(…) already exists") strips them here.
     */
    String describe(SQLException e);
}
