/**
 * The JDBC {@link dev.coffer.store.MetadataStore}s and the versioned schema migrations they apply.
 * Start with {@link dev.coffer.store.sql.SqliteMetadataStore}, then {@link dev.coffer.store.sql.Migrations}.
 */
package dev.coffer.store.sql;
