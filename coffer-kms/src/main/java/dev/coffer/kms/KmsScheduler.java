package dev.coffer.kms;

import dev.coffer.kms.imports.KeyImports;
import dev.coffer.kms.internal.KeyRegistry;
import dev.coffer.kms.internal.LastUses;
import dev.coffer.kms.key.KeyLifecycle;
import dev.coffer.kms.rotation.Rotations;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the clock makes due: automatic rotations, destruction of keys past their deletion date (their
 * material is zeroed and deleted, so their ciphertexts are unrecoverable), deletion of imported material past
 * its ValidTo (the key becomes PendingImport), and the flush of last-usage data.
 * {@link #runDue()} runs one pass now (tests call it after moving the clock); {@link #start} runs passes
 * periodically on one daemon thread until {@link #close}.
 */
public final class KmsScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KmsScheduler.class);

    /** What one pass did. */
    public record Pass(int rotated, int destroyed, int expired) {
        public Pass(int rotated, int destroyed) {
            this(rotated, destroyed, 0);
        }
    }

    private final KeyRegistry registry;
    private final KeyLifecycle keys;
    private final Rotations rotations;
    private final KeyImports imports;
    private ScheduledExecutorService executor;

    KmsScheduler(KeyRegistry registry, KeyLifecycle keys, Rotations rotations, KeyImports imports) {
        this.registry = registry;
        this.keys = keys;
        this.rotations = rotations;
        this.imports = imports;
    }

    public synchronized Pass runDue() {
        int destroyed = keys.destroyDue();
        int rotated = rotations.rotateDue();
        int expired = imports.expireDue();
        LastUses.flush(registry);
        return new Pass(rotated, destroyed, expired);
    }

    public synchronized KmsScheduler start(Duration period) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "coffer-kms-scheduler");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::runLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void runLogged() {
        try {
            Pass p = runDue();
            if (p.rotated() > 0 || p.destroyed() > 0 || p.expired() > 0) {
                LOG.info("KMS scheduler rotated {} keys, destroyed {} keys and deleted the expired imported"
                        + " material of {} keys", p.rotated(), p.destroyed(), p.expired());
            }
        } catch (RuntimeException e) {
            LOG.error("KMS scheduler pass failed; retrying next period", e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        LastUses.flush(registry);
    }
}
