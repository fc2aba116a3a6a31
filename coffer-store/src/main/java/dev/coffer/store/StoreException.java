package dev.coffer.store;

import java.util.Objects;

/**
 * A metadata or blob store operation failed. The message names what failed (a table, a constraint, a
 * file) and never contains row values, key bytes or other secrets: SQL values are always bound as
 * parameters, and the database messages kept here name constraints and columns, not values.
 */
public final class StoreException extends RuntimeException {

    /** What kind of failure this is, so callers can react without parsing messages. */
    public enum Kind {
        /** A PRIMARY KEY or UNIQUE constraint refused a row: the thing already exists. */
        UNIQUE_VIOLATION,
        /** A FOREIGN KEY constraint refused a change: a referenced row is missing or still referenced. */
        FOREIGN_KEY_VIOLATION,
        /** Another constraint (NOT NULL, CHECK) refused a row: a bug in the caller. */
        CONSTRAINT_VIOLATION,
        /** The database stayed locked by another process past the busy timeout; retrying may succeed. */
        BUSY,
        /** The database schema cannot be used by this code (too new, migrations edited or failing). */
        SCHEMA,
        /** Anything else: I/O errors, SQL syntax errors, a closed database. */
        FAILURE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public boolean isUniqueViolation() {
        return kind == Kind.UNIQUE_VIOLATION;
    }

    public boolean isForeignKeyViolation() {
        return kind == Kind.FOREIGN_KEY_VIOLATION;
    }

    /** True for any constraint violation: unique, foreign key or other. */
    public boolean isConstraintViolation() {
        return kind == Kind.UNIQUE_VIOLATION || kind == Kind.FOREIGN_KEY_VIOLATION
                || kind == Kind.CONSTRAINT_VIOLATION;
    }
}
