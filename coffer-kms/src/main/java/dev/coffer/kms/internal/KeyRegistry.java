package dev.coffer.kms.internal;

import dev.coffer.kms.KmsException;
import dev.coffer.store.MetadataStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every key of this server in memory, with its unwrapped material, so that Encrypt, Decrypt and
 * GenerateDataKey never touch the database.
 *
 * <p>Contract: reads are lock-free and see one immutable {@link LiveKey} snapshot. A change to a key takes
 * that key's lock, writes the database in one transaction, and only after the commit publishes the new
 * snapshot; a failed write publishes nothing. Keys have separate locks, so changes to different keys never
 * wait for each other here (the database may still serialise its own commits). When a key is destroyed its
 * material is zeroed.
 *
 * <p>This node is the only writer in the embedded setup; several nodes over one database would need the
 * time-bounded refresh DESIGN.md describes (not built yet).
 */
public final class KeyRegistry {
    /** What a change produces: the next snapshot (null when the key is destroyed) and the caller's result. */
    public record Outcome<T>(LiveKey next, T result) {}

    /** A change to one key, run inside the write transaction with the current snapshot. */
    @FunctionalInterface
    public interface Mutation<T> {
        Outcome<T> apply(LiveKey current, Connection c) throws SQLException;
    }

    /** The last successful cryptographic use of a key, kept in memory and flushed by the scheduler. */
    public record LastUse(String operation, Instant at, String requestId) {}

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile LiveKey live;
        volatile LastUse lastUse;
        volatile boolean useDirty;

        Entry(LiveKey live) {
            this.live = live;
        }
    }

    private final MetadataStore store;
    private final ConcurrentHashMap<String, Entry> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AliasRef, String> aliases = new ConcurrentHashMap<>();

    public KeyRegistry(MetadataStore store, MaterialSealer sealer) {
        this.store = Objects.requireNonNull(store, "store");
        store.read(c -> {
            for (LiveKey k : KeyRows.loadAll(c, sealer)) {
                keys.put(k.meta().keyId(), new Entry(k));
            }
            aliases.putAll(KeyRows.loadAliases(c));
            LastUses.load(c, this);
            return null;
        });
    }

    public MetadataStore store() {
        return store;
    }

    public Optional<LiveKey> get(String keyId) {
        Entry e = keys.get(keyId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.live);
    }

    /** A snapshot of every key, in no particular order. */
    public List<LiveKey> all() {
        List<LiveKey> out = new ArrayList<>(keys.size());
        for (Entry e : keys.values()) {
            LiveKey k = e.live;
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    /** Writes a new key with {@code sql}, then publishes it. */
    public void create(LiveKey key, Mutation<Void> sql) {
        Entry e = new Entry(key);
        e.lock.lock();
        try {
            if (keys.putIfAbsent(key.meta().keyId(), e) != null) {
                throw new IllegalStateException("key id collision: " + key.meta().keyId());
            }
            try {
                store.write(c -> sql.apply(key, c));
            } catch (RuntimeException failure) {
                keys.remove(key.meta().keyId(), e);
                throw failure;
            }
        } finally {
            e.lock.unlock();
        }
    }

    /** Changes one key under its lock: database first, then the snapshot. */
    public <T> T update(String keyId, Mutation<T> mutation) {
        Entry e = keys.get(keyId);
        if (e == null) {
            throw KmsException.notFound("Key '" + keyId + "' does not exist");
        }
        e.lock.lock();
        try {
            LiveKey current = e.live;
            if (current == null) {
                throw KmsException.notFound("Key '" + keyId + "' does not exist");
            }
            Outcome<T> outcome = store.write(c -> mutation.apply(current, c));
            if (outcome.next() == null) {
                e.live = null;
                keys.remove(keyId, e);
                aliases.values().removeIf(keyId::equals);
                for (KeyVersion v : current.versions()) {
                    v.material().close();
                }
            } else {
                e.live = outcome.next();
            }
            return outcome.result();
        } finally {
            e.lock.unlock();
        }
    }

    public Optional<String> alias(AliasRef ref) {
        return Optional.ofNullable(aliases.get(ref));
    }

    /** Publishes an alias change that the caller has already committed. */
    public void publishAlias(AliasRef ref, Optional<String> keyId) {
        if (keyId.isPresent()) {
            aliases.put(ref, keyId.get());
        } else {
            aliases.remove(ref);
        }
    }

    public void recordUse(String keyId, String operation, Instant at, String requestId) {
        Entry e = keys.get(keyId);
        if (e != null) {
            e.lastUse = new LastUse(operation, at, requestId);
            e.useDirty = true;
        }
    }

    void restoreUse(String keyId, LastUse use) {
        Entry e = keys.get(keyId);
        if (e != null) {
            e.lastUse = use;
        }
    }

    public Optional<LastUse> lastUse(String keyId) {
        Entry e = keys.get(keyId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.lastUse);
    }

    /** Takes the uses recorded since the last call, to be written to the database. */
    public Map<String, LastUse> drainUses() {
        Map<String, LastUse> out = new ConcurrentHashMap<>();
        keys.forEach((id, e) -> {
            if (e.useDirty) {
                e.useDirty = false;
                LastUse u = e.lastUse;
                if (u != null) {
                    out.put(id, u);
                }
            }
        });
        return out;
    }
}
