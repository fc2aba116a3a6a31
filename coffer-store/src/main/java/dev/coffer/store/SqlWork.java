package dev.coffer.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of SQL work run by {@link MetadataStore#read} or {@link MetadataStore#write} on a connection the
 * store owns. The work must not commit, roll back, change auto-commit or close the connection, and must
 * not keep it after returning: the store decides where the transaction ends.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
