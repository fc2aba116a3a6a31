package dev.coffer.store.sql;

import dev.coffer.store.MetadataStore;
import dev.coffer.store.SqlWork;
import dev.coffer.store.StoreException;
import dev.coffer.store.sql.SqlDialect.Access;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The transaction discipline every JDBC store shares: begin, run the work, commit or roll back, translate
 * {@link SQLException}s. Subclasses decide only where connections come from (SQLite: one writer behind a
 * lock and a few read-only readers; PostgreSQL: a pool) and how the dialect speaks.
 */
abstract class JdbcMetadataStore implements MetadataStore {
    private final SqlDialect dialect;
    private final String description;
    private volatile int schemaVersion;

    JdbcMetadataStore(SqlDialect dialect, String description) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A connection for one transaction of the given kind; blocks until one is free. */
    abstract Connection acquire(Access access);

    /**
     * Gives back what {@link #acquire} handed out, whatever happened in between. {@code reusable} is false
     * when the transaction did not end cleanly, so the connection may still be inside one: it must be
     * closed, not reused, or every later transaction on it would fail.
     */
    abstract void release(Access access, Connection c, boolean reusable);

    SqlDialect dialect() {
        return dialect;
    }

    /** For messages and logs: "SQLite database /var/lib/coffer/coffer.db". */
    String description() {
        return description;
    }

    /** Brings the schema up to date; subclasses call it once, right after opening. */
    final void migrate(Migrations migrations, InstantSource clock) {
        schemaVersion = new Migrator(this, migrations, clock).migrate();
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public final <T> T read(SqlWork<T> work) {
        return inTransaction(Access.READ, work);
    }

    @Override
    public final <T> T write(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        return runWrite(() -> inTransaction(Access.WRITE, work));
    }

    /** Runs one whole write transaction; on the calling thread unless a subclass needs another one. */
    <T> T runWrite(Supplier<T> transaction) {
        return transaction.get();
    }

    private <T> T inTransaction(Access access, SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        Connection c = acquire(access);
        boolean ended = false;
        try {
            dialect.begin(c, access);
            T result;
            try {
                result = work.run(c);
                if (access == Access.WRITE) {
                    dialect.commit(c);
                } else {
                    dialect.rollback(c); // a read changed nothing; ending it releases its snapshot
                }
                ended = true;
            } catch (Throwable t) {
                ended = rollbackAfter(c, t);
                throw t;
            }
            return result;
        } catch (SQLException e) {
            throw translate(access, e);
        } finally {
            release(access, c, ended);
        }
    }

    private boolean rollbackAfter(Connection c, Throwable failure) {
        try {
            dialect.rollback(c);
            return true;
        } catch (SQLException | RuntimeException e) {
            // The engine may have rolled back on its own already (SQLite does on some I/O errors); either
            // way the connection's state is unknown now.
            failure.addSuppressed(e);
            return false;
        }
    }

    private StoreException translate(Access access, SQLException e) {
        String what = access == Access.WRITE ? "write to " : "read from ";
        return new StoreException(dialect.classify(e), what + description + " failed: " + dialect.describe(e), e);
    }
}
