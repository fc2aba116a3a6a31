package dev.coffer.crypto;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SHA-384 (the JDK's own, from the SUN provider) whose large updates are hashed on a second thread, so that the
 * AWS Encryption SDK's signed suites hash and encrypt at the same time.
 *
 * <p>Why: the SDK signs the whole message (SHA-384, then ECDSA P-384) on the thread that encrypts, and SHA-384 is
 * the slowest step by far: ~750 MB/s in a warm JVM on this machine's CPU against ~4,500 MB/s for AES-256-GCM
 * (docs/PERFORMANCE.md, "coffer encrypt / decrypt"). The SDK takes its digest ({@code MessageDigest.getInstance})
 * and its verifier ({@code Signature.getInstance("SHA384withECDSA")}, whose JDK implementation does the same)
 * from the providers in order of preference, so a provider ahead of SUN changes who hashes, and not one byte
 * of the message: the hash is the same SHA-384 over the same bytes in the same order.
 *
 * <p>Updates of at least {@value #OFFLOAD_MIN} bytes are copied into one of {@value #SLOTS} buffers of
 * {@value #SLOT} bytes and hashed in order by one shared daemon thread; the caller waits only when all buffers
 * are in use (so memory stays constant). Anything that reads or resets the state, and every small update,
 * first waits for what is queued, so the digest behaves exactly as the SUN one does for any caller
 * (TLS handshakes included), just with a thread behind it.
 */
public final class OffloadedSha384 extends MessageDigestSpi implements Cloneable {
    static final int OFFLOAD_MIN = 16 * 1024;
    static final int SLOT = 256 * 1024;
    static final int SLOTS = 4;
    private static final String PROVIDER = "CofferOffloadedSha384";

    private static final class Worker {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "coffer-sha384");
            thread.setDaemon(true);
            return thread;
        });
    }

    private final MessageDigest delegate;
    private BlockingQueue<byte[]> free;
    private int allocated;
    private Future<?> last;

    public OffloadedSha384() throws NoSuchAlgorithmException {
        this.delegate = MessageDigest.getInstance("SHA-384", Security.getProvider("SUN"));
    }

    private OffloadedSha384(MessageDigest delegate) {
        this.delegate = delegate;
    }

    /**
     * Puts this SHA-384 first among the JDK's providers when a second core can run it; idempotent. Returns
     * whether it is installed.
     */
    public static synchronized boolean install() {
        if (Security.getProvider(PROVIDER) != null) {
            return true;
        }
        if (Runtime.getRuntime().availableProcessors() < 2 || Boolean.getBoolean("coffer.cli.noOffloadedSha384")) {
            return false;
        }
        Provider provider = new OffloadingProvider();
        Security.insertProviderAt(provider, 1);
        return true;
    }

    /** Offers only SHA-384; constructing it directly avoids the reflective lookup of a public constructor. */
    private static final class OffloadingProvider extends Provider {
        OffloadingProvider() {
            super(PROVIDER, "1", "SHA-384 hashed on a second thread (coffer-cli)");
            putService(new Service(this, "MessageDigest", "SHA-384", OffloadedSha384.class.getName(),
                    List.of("2.16.840.1.101.3.4.2.2", "OID.2.16.840.1.101.3.4.2.2"), null) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new OffloadedSha384();
                }
            });
        }
    }

    @Override
    protected int engineGetDigestLength() {
        return 48;
    }

    @Override
    protected void engineUpdate(byte input) {
        drain();
        delegate.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (len < OFFLOAD_MIN) {
            drain();
            delegate.update(input, offset, len);
            return;
        }
        while (len > 0) {
            int n = Math.min(len, SLOT);
            byte[] slot = takeSlot();
            System.arraycopy(input, offset, slot, 0, n);
            MessageDigest md = delegate;
            BlockingQueue<byte[]> slots = free;
            last = Worker.EXECUTOR.submit(() -> {
                md.update(slot, 0, n);
                slots.add(slot);
            });
            offset += n;
            len -= n;
        }
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        drain();
        delegate.update(input);
    }

    @Override
    protected byte[] engineDigest() {
        drain();
        return delegate.digest();
    }

    @Override
    protected int engineDigest(byte[] buf, int offset, int len) throws DigestException {
        drain();
        return delegate.digest(buf, offset, len);
    }

    @Override
    protected void engineReset() {
        drain();
        delegate.reset();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        drain();
        return new OffloadedSha384((MessageDigest) delegate.clone());
    }

    private byte[] takeSlot() {
        if (free == null) {
            free = new ArrayBlockingQueue<>(SLOTS);
        }
        byte[] slot = free.poll();
        if (slot != null) {
            return slot;
        }
        if (allocated < SLOTS) {
            allocated++;
            return new byte[SLOT];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    /** Waits for every queued update; the worker runs them in order, so the last one finishing is enough. */
    private void drain() {
        Future<?> pending = last;
        if (pending == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                pending.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the queued bytes must be hashed before anything else happens to the state
            } catch (ExecutionException e) {
                throw new IllegalStateException("SHA-384 update failed", e.getCause());
            }
        }
        last = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
