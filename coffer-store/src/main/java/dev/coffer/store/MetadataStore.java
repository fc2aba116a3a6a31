package dev.coffer.store;

/**
 * Metadata (keys, buckets, objects, access keys) in a SQL database reached through JDBC.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #write} runs its work in one transaction: it commits when the work returns and rolls back
 *       when the work throws anything, so a change is all-or-nothing. When {@code write} returns, the
 *       commit is durable (it survives a killed process and a power loss).</li>
 *   <li>{@link #read} runs its work in a read-only transaction that sees one consistent snapshot of the
 *       last committed state. Reads never wait for writes.</li>
 *   <li>A {@link java.sql.SQLException} surfaces as an unchecked {@link StoreException}, which tells
 *       constraint violations apart ({@link StoreException#isUniqueViolation()}) so that domain code can
 *       turn an INSERT conflict into "already exists". Exceptions the work throws itself pass through
 *       unchanged after the rollback.</li>
 *   <li>Write SQL that runs on SQLite and PostgreSQL alike. Inside a transaction, prefer
 *       {@code INSERT … ON CONFLICT DO NOTHING} and check the update count over catching a violation and
 *       carrying on: after a failed statement PostgreSQL refuses every later one in the transaction.</li>
 *   <li>{@code write} must not be called from inside another {@code write} on the same thread; use the
 *       connection you were given.</li>
 * </ul>
 */
public interface MetadataStore extends AutoCloseable {

    /** Runs {@code work} in a read-only transaction and returns what it returns. */
    <T> T read(SqlWork<T> work);

    /** Runs {@code work} in one read-write transaction, committed on return and rolled back on any throw. */
    <T> T write(SqlWork<T> work);

    /** The schema version the database is at, after migrations. */
    int schemaVersion();

    /** Waits for a running write to finish, then closes every connection. Later calls fail. */
    @Override
    void close();
}
