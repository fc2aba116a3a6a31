package dev.coffer.store.sql;

import dev.coffer.store.StoreException;
import dev.coffer.store.sql.SqlDialect.Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;

/**
 * The embedded metadata store: one SQLite file in WAL mode.
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li>{@code synchronous=FULL}: in WAL mode, NORMAL may lose the last commits on power loss; a commit
 *       Coffer acknowledged must survive it.</li>
 *   <li>One writer connection behind a lock, {@code BEGIN IMMEDIATE}: SQLite allows one writer at a time
 *       anyway; queueing writers in Java is fair and cheap, where letting them collide inside SQLite means
 *       BUSY errors and sleeps. The busy timeout covers only other processes (an admin's sqlite3 shell).</li>
 *   <li>Up to {@value #READERS} read-only reader connections: in WAL mode readers see the last committed
 *       snapshot and never wait for the writer, and a read-only connection cannot write by mistake.</li>
 *   <li>{@code foreign_keys=ON}: SQLite ignores REFERENCES clauses unless told otherwise, per connection.</li>
 *   <li>Write transactions of virtual threads run on one platform thread: SQLite is native code, and a virtual
 *       thread in native code holds its carrier for the whole call — for a commit, an fsync, which takes
 *       milliseconds when other writes keep the disk busy (blob fsyncs took 10–25 ms under 16 concurrent PUTs
 *       beside another process's large writes), and a 2-core machine has two carriers. The virtual thread waits
 *       for the writer thread instead and frees its carrier for other requests. Writes are serial anyway.</li>
 * </ul>
 */
public final class SqliteMetadataStore extends JdbcMetadataStore {
    static final int READERS = 4;
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Guarded by {@link #writeLock}; null after a failed transaction until the next write reopens it. */
    private Connection writer;
    /** Runs the write transactions of virtual threads; one thread, as there is one writer connection. */
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("coffer-sqlite-writer").factory());
    private final Semaphore readPermits = new Semaphore(READERS, true);
    private final ConcurrentLinkedDeque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private SqliteMetadataStore(Path file, Connection writer) {
        super(new SqliteDialect(), "SQLite database " + file);
        this.file = file;
        this.writer = writer;
    }

    /** Opens (creating if needed) the database at {@code file} and applies Coffer's migrations. */
    public static SqliteMetadataStore open(Path file, InstantSource clock) {
        return open(file, clock, Migrations.coffer());
    }

    /** Opens (creating if needed) the database at {@code file} and applies {@code migrations}. */
    public static SqliteMetadataStore open(Path file, InstantSource clock, Migrations migrations) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(migrations, "migrations");
        Path path = file.toAbsolutePath().normalize();
        if (path.toString().contains("?")) {
            // sqlite-jdbc reads everything after '?' in its URL as connection options.
            throw new IllegalArgumentException("SQLite database path must not contain '?': " + path);
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILURE, "cannot create directory " + path.getParent(), e);
        }
        SqliteMetadataStore store = new SqliteMetadataStore(path, connectWriter(path));
        try {
            store.migrate(migrations, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public Path file() {
        return file;
    }

    private static Connection connectWriter(Path path) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection c = connect(path, config);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StoreException(StoreException.Kind.FAILURE, "SQLite database " + path
                        + " could not be switched to WAL mode (it is in " + mode + " mode); network file"
                        + " systems do not support WAL: put the data directory on a local disk");
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e instanceof StoreException se ? se
                    : new StoreException(StoreException.Kind.FAILURE, "cannot configure SQLite database " + path, e);
        }
        return c;
    }

    private Connection connectReader() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return connect(file, config);
    }

    private static Connection connect(Path path, SQLiteConfig config) {
        try {
            return config.createConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.FAILURE,
                    "cannot open SQLite database " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    <T> T runWrite(Supplier<T> transaction) {
        if (!Thread.currentThread().isVirtual()) {
            return transaction.get();
        }
        // join() waits without being interruptible: the caller must learn whether its commit happened.
        try {
            return CompletableFuture.supplyAsync(transaction, writerThread).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (RejectedExecutionException e) {
            throw closedError();
        }
    }

    @Override
    Connection acquire(Access access) {
        return access == Access.WRITE ? acquireWriter() : acquireReader();
    }

    private Connection acquireWriter() {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("write() called inside write(); use the connection you were given");
        }
        writeLock.lock();
        try {
            if (closed) {
                throw closedError();
            }
            if (writer == null) {
                writer = connectWriter(file);
            }
            return writer;
        } catch (RuntimeException e) {
            writeLock.unlock();
            throw e;
        }
    }

    private Connection acquireReader() {
        try {
            readPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.FAILURE, "interrupted while waiting to read " + file, e);
        }
        if (closed) {
            readPermits.release();
            throw closedError();
        }
        Connection c = idleReaders.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            return connectReader();
        } catch (RuntimeException e) {
            readPermits.release();
            throw e;
        }
    }

    @Override
    void release(Access access, Connection c, boolean reusable) {
        if (access == Access.WRITE) {
            if (!reusable) {
                closeQuietly(c);
                writer = null;
            }
            writeLock.unlock();
            return;
        }
        if (closed || !reusable) {
            closeQuietly(c);
        } else {
            idleReaders.addFirst(c);
            if (closed && idleReaders.remove(c)) { // close() ran in between and missed this one
                closeQuietly(c);
            }
        }
        readPermits.release();
    }

    private IllegalStateException closedError() {
        return new IllegalStateException(description() + " is closed");
    }

    @Override
    public void close() {
        writeLock.lock(); // let a running write finish: its commit must not be cut off
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (writer != null) {
                closeQuietly(writer);
            }
        } finally {
            writeLock.unlock();
        }
        for (Connection c; (c = idleReaders.pollFirst()) != null; ) {
            closeQuietly(c);
        }
        writerThread.shutdown();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing after a failure or at shutdown: nothing useful left to do with the error.
        }
    }

    @Override
    public String toString() {
        return "SqliteMetadataStore[" + file + "]";
    }
}
