package dev.coffer.store.sql;

import static dev.coffer.store.sql.SqliteMetadataStoreTest.readStrings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.store.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-01-02T03:04:05Z"));
    private static final Migration V1 = new Migration(1, "things",
            "CREATE TABLE things (id TEXT NOT NULL PRIMARY KEY, data ${BYTES});"
                    + " INSERT INTO things (id) VALUES ('first');");
    private static final Migration V2 = new Migration(2, "more_things",
            "CREATE TABLE more_things (id BIGINT NOT NULL PRIMARY KEY);");

    @TempDir
    Path dir;

    private SqliteMetadataStore open(Migration... migrations) {
        return SqliteMetadataStore.open(dir.resolve("m.db"), CLOCK, Migrations.of(List.of(migrations)));
    }

    private static StoreException schemaError(Runnable r) {
        try {
            r.run();
        } catch (StoreException e) {
            assertThat(e.kind()).isEqualTo(StoreException.Kind.SCHEMA);
            return e;
        }
        throw new AssertionError("expected a StoreException");
    }

    @Test
    void open_recordsEachMigrationWithChecksumAndTime() {
        try (SqliteMetadataStore store = open(V1, V2)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            assertThat(readStrings(store,
                    "SELECT version || ' ' || name || ' ' || checksum || ' ' || applied_at FROM schema_version"))
                    .containsExactly("1 things " + V1.checksum() + " " + CLOCK.millis(),
                            "2 more_things " + V2.checksum() + " " + CLOCK.millis());
        }
    }

    @Test
    void open_substitutesBytesPlaceholderForThisEngine() {
        try (SqliteMetadataStore store = open(V1)) {
            assertThat(readStrings(store, "SELECT type FROM pragma_table_info('things') WHERE name = 'data'"))
                    .containsExactly("BLOB");
        }
    }

    @Test
    void reopen_withNewMigration_appliesOnlyTheNewOne() {
        try (SqliteMetadataStore store = open(V1)) {
            store.write(c -> SqliteMetadataStoreTest.update(c, "INSERT INTO things (id) VALUES ('second')"));
        }
        try (SqliteMetadataStore store = open(V1, V2)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            // V1 ran once: a second run would have failed on CREATE TABLE, and lost 'second'
            assertThat(readStrings(store, "SELECT id FROM things ORDER BY id"))
                    .containsExactly("first", "second");
            assertThat(readStrings(store, "SELECT count(*) FROM schema_version")).containsExactly("2");
        }
    }

    @Test
    void open_databaseNewerThanCode_isRefusedWithClearMessage() {
        open(V1, V2).close();
        StoreException e = schemaError(() -> open(V1).close());
        assertThat(e).hasMessageContaining("schema version 2")
                .hasMessageContaining("knows versions up to 1")
                .hasMessageContaining("newer Coffer");
    }

    @Test
    void open_afterAppliedMigrationWasEdited_isRefused() {
        open(V1).close();
        Migration edited = new Migration(1, "things", V1.script() + " INSERT INTO things (id) VALUES ('x');");
        StoreException e = schemaError(() -> open(edited).close());
        assertThat(e).hasMessageContaining("V0001__things.sql").hasMessageContaining("frozen");
    }

    @Test
    void migration_thatFailsHalfway_leavesNothingApplied() {
        open(V1).close();
        Migration broken = new Migration(2, "more_things",
                "CREATE TABLE more_things (id BIGINT NOT NULL PRIMARY KEY); INSERT INTO no_such_table VALUES (1);");
        StoreException e = schemaError(() -> open(V1, broken).close());
        assertThat(e).hasMessageContaining("V0002__more_things.sql").hasMessageContaining("no_such_table");

        try (SqliteMetadataStore store = open(V1)) {
            assertThat(readStrings(store, "SELECT name FROM sqlite_master WHERE name = 'more_things'"))
                    .isEmpty();
        }
        try (SqliteMetadataStore store = open(V1, V2)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
    }

    @Test
    void migration_withUnknownPlaceholder_isRefused() {
        Migration typo = new Migration(1, "typo", "CREATE TABLE t (x ${BYTE});");
        StoreException e = schemaError(() -> open(typo).close());
        assertThat(e).hasMessageContaining("${BYTE}").hasMessageContaining("BYTES");
    }

    @Test
    void open_withNoMigrations_isAtVersionZero() {
        try (SqliteMetadataStore store = open()) {
            assertThat(store.schemaVersion()).isZero();
        }
    }
}
