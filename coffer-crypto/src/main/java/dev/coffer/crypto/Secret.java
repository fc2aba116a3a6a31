package dev.coffer.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret bytes: a key, a passphrase-derived key, a secret access key.
 *
 * <p>Deliberately not a record: it has no {@code equals}/{@code hashCode}, its {@code toString} prints
 * only the length, {@link #equalsConstantTime} compares without leaking timing, and {@link #close}
 * zeroes the bytes. Reading the bytes goes through {@link #revealBytes()}, a name meant to be grepped.
 */
public final class Secret implements AutoCloseable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes a copy of {@code bytes}; the caller should zero its own array. */
    public static Secret copyOf(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Secret(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying; the caller must not keep or reuse the array. */
    public static Secret wrap(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Secret(bytes);
    }

    public static Secret random(int length, SecureRandom random) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return new Secret(b);
    }

    public int length() {
        return bytes.length;
    }

    /**
     * The secret bytes themselves, not a copy: do not modify or keep them. The name is long on purpose,
     * so that every place that touches secret bytes can be found.
     */
    public byte[] revealBytes() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
        return bytes;
    }

    public boolean equalsConstantTime(Secret other) {
        return MessageDigest.isEqual(revealBytes(), other.revealBytes());
    }

    public Secret copy() {
        return copyOf(revealBytes());
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Zeroes the bytes; the secret is unusable afterwards. */
    @Override
    public void close() {
        destroyed = true;
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes]";
    }
}
