package dev.coffer.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.store.MetadataStore;
import dev.coffer.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMetadataStoreTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-01-02T03:04:05Z"));

    @TempDir
    Path dir;
    private SqliteMetadataStore store;

    @BeforeEach
    void open() {
        store = SqliteMetadataStore.open(dir.resolve("coffer.db"), CLOCK);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void open_freshDatabase_hasInitialSchema() {
        assertThat(store.schemaVersion()).isEqualTo(Migrations.coffer().latestVersion());
        List<String> tables = readStrings(store, "SELECT name FROM sqlite_master WHERE type = 'table'");
        assertThat(tables).contains("access_keys", "buckets", "objects", "schema_version");
    }

    @Test
    void open_writerConnection_isDurableWalWithForeignKeys() {
        assertThat(writeStrings(store, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(writeStrings(store, "PRAGMA synchronous")).containsExactly("2"); // FULL
        assertThat(writeStrings(store, "PRAGMA foreign_keys")).containsExactly("1");
    }

    @Test
    void write_fromVirtualThread_runsOnThePlatformWriterThreadAndKeepsItsExceptions() throws Exception {
        // A virtual thread in SQLite's native commit (an fsync) would hold its carrier; it hands the work over.
        Thread[] ranOn = new Thread[1];
        Thread caller = Thread.ofVirtual().start(() -> store.write(c -> {
            ranOn[0] = Thread.currentThread();
            return null;
        }));
        caller.join();
        assertThat(ranOn[0].isVirtual()).isFalse();
        assertThat(ranOn[0].getName()).isEqualTo("coffer-sqlite-writer");

        IllegalArgumentException thrown = new IllegalArgumentException("refused by the work");
        Throwable[] seen = new Throwable[1];
        Thread failing = Thread.ofVirtual().start(() -> {
            try {
                store.write(c -> {
                    throw thrown;
                });
            } catch (Throwable t) {
                seen[0] = t;
            }
        });
        failing.join();
        assertThat(seen[0]).isSameAs(thrown);
    }

    @Test
    void write_onReturn_isCommittedAndVisibleToReads() {
        store.write(c -> insertBucket(c, "photos"));
        assertThat(readStrings(store, "SELECT name FROM buckets")).containsExactly("photos");
    }

    @Test
    void write_whenWorkThrows_rollsBackEverythingAndRethrows() {
        IllegalStateException failure = new IllegalStateException("domain says no");
        assertThatThrownBy(() -> store.write(c -> {
            insertBucket(c, "a");
            insertBucket(c, "b");
            throw failure;
        })).isSameAs(failure);
        assertThat(readStrings(store, "SELECT name FROM buckets")).isEmpty();
    }

    @Test
    void write_afterAFailedWrite_stillWorks() {
        assertThatThrownBy(() -> store.write(c -> {
            insertBucket(c, "lost");
            return fail(c);
        })).isInstanceOf(StoreException.class).hasMessageContaining("syntax error");
        store.write(c -> insertBucket(c, "good"));
        assertThat(readStrings(store, "SELECT name FROM buckets")).containsExactly("good");
    }

    @Test
    void write_whoseWorkEndedTheTransactionItself_doesNotBreakLaterWork() {
        // Work must not end the transaction itself; if it does, the store must still recover.
        assertThatThrownBy(() -> store.write(c -> {
            update(c, "ROLLBACK");
            throw new IllegalStateException("bug in caller");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(c -> {
            update(c, "ROLLBACK");
            throw new IllegalStateException("bug in caller");
        })).isInstanceOf(IllegalStateException.class);
        store.write(c -> insertBucket(c, "after"));
        for (int i = 0; i < SqliteMetadataStore.READERS + 1; i++) {
            assertThat(readStrings(store, "SELECT name FROM buckets")).containsExactly("after");
        }
    }

    @Test
    void write_duplicatePrimaryKey_isUniqueViolation() {
        store.write(c -> insertBucket(c, "photos"));
        assertThatThrownBy(() -> store.write(c -> insertBucket(c, "photos")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.isUniqueViolation()).isTrue();
                    assertThat(e.isConstraintViolation()).isTrue();
                    assertThat(e.getMessage()).contains("buckets.name").doesNotContain("photos");
                });
    }

    @Test
    void write_objectInMissingBucket_isForeignKeyViolation() {
        assertThatThrownBy(() -> store.write(c -> update(c,
                "INSERT INTO objects (bucket, object_key, blob_id, size) VALUES ('nope', 'k', 'b', 1)")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.isForeignKeyViolation()).isTrue();
                    assertThat(e.isUniqueViolation()).isFalse();
                });
    }

    @Test
    void write_nullInNotNullColumn_isOtherConstraintViolation() {
        assertThatThrownBy(() -> store.write(c -> update(c,
                "INSERT INTO buckets (name, region, owner_account_id, created_at) VALUES ('b', NULL, 'a', 1)")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.CONSTRAINT_VIOLATION);
                    assertThat(e.isConstraintViolation()).isTrue();
                });
    }

    @Test
    void write_insideWrite_isRefused() {
        assertThatThrownBy(() -> store.write(c -> store.write(c2 -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside write()");
    }

    @Test
    void read_thatTriesToWrite_isRefused() {
        assertThatThrownBy(() -> store.read(c -> insertBucket(c, "sneaky")))
                .isInstanceOf(StoreException.class);
        assertThat(readStrings(store, "SELECT name FROM buckets")).isEmpty();
    }

    @Test
    void read_duringUncommittedWrite_doesNotWaitAndSeesLastCommit() throws Exception {
        store.write(c -> insertBucket(c, "committed"));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch readDone = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<?> writer = pool.submit(() -> store.write(c -> {
                insertBucket(c, "uncommitted");
                inserted.countDown();
                return await(readDone);
            }));
            assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            List<String> seen = readStrings(store, "SELECT name FROM buckets");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            readDone.countDown();
            writer.get(10, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("committed");
            assertThat(millis).isLessThan(2_000);
        }
        assertThat(readStrings(store, "SELECT name FROM buckets ORDER BY name"))
                .containsExactly("committed", "uncommitted");
    }

    @Test
    void write_fromManyThreads_isSerializedAndLosesNothing() throws Exception {
        store.write(c -> insertBucket(c, "counter"));
        int threads = 4;
        int perThread = 10;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // read-modify-write: only correct if writes do not interleave
                        store.write(c -> update(c, "UPDATE buckets SET created_at = "
                                + (Long.parseLong(strings(c, "SELECT created_at FROM buckets").getFirst()) + 1)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(readStrings(store, "SELECT created_at FROM buckets"))
                .containsExactly(String.valueOf(1 + threads * perThread));
    }

    @Test
    void bytesColumn_roundTripsBinaryValues() {
        byte[] sealed = {0, 1, (byte) 0xff, 0, 42};
        store.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO access_keys (access_key_id, user_name,"
                    + " account_id, arn, sealed_secret, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, "AKIAEXAMPLE");
                p.setString(2, "alice");
                p.setString(3, "000000000000");
                p.setString(4, "arn:aws:iam::000000000000:user/alice");
                p.setBytes(5, sealed);
                p.setString(6, "Active");
                p.setLong(7, CLOCK.millis());
                return p.executeUpdate();
            }
        });
        byte[] back = store.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sealed_secret FROM access_keys")) {
                rs.next();
                return rs.getBytes(1);
            }
        });
        assertThat(back).containsExactly(sealed);
    }

    @Test
    void reopen_keepsCommittedData() {
        store.write(c -> insertBucket(c, "kept"));
        store.close();
        store = SqliteMetadataStore.open(dir.resolve("coffer.db"), CLOCK);
        assertThat(readStrings(store, "SELECT name FROM buckets")).containsExactly("kept");
        assertThat(store.schemaVersion()).isEqualTo(Migrations.coffer().latestVersion());
    }

    @Test
    void readAndWrite_afterClose_areRefused() {
        store.close();
        assertThatThrownBy(() -> store.read(c -> 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.write(c -> 1)).isInstanceOf(IllegalStateException.class);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> readStrings(MetadataStore store, String sql) {
        return store.read(c -> strings(c, sql));
    }

    static List<String> writeStrings(MetadataStore store, String sql) {
        return store.write(c -> strings(c, sql));
    }

    static int insertBucket(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO buckets (name, region, owner_account_id, created_at) VALUES (?, ?, ?, ?)")) {
            p.setString(1, name);
            p.setString(2, "us-east-1");
            p.setString(3, "000000000000");
            p.setLong(4, 1);
            return p.executeUpdate();
        }
    }

    private static int fail(Connection c) throws SQLException {
        return update(c, "THIS IS NOT SQL");
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
