package dev.coffer.crypto.mac;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An HMAC key: its spec and its key bytes, whose length the spec allows. Not a record: it holds a secret.
 * {@link #close()} zeroes the bytes; {@link #toString()} prints the spec and length only.
 */
public final class HmacKey implements AutoCloseable {
    private final HmacKeySpec spec;
    private final Secret material;

    private HmacKey(HmacKeySpec spec, Secret material) {
        this.spec = spec;
        this.material = material;
    }

    /** A new random key of the spec's generated length (CreateKey). */
    public static HmacKey generate(HmacKeySpec spec, SecureRandom random) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(random, "random");
        return new HmacKey(spec, Secret.random(spec.keyBytes(), random));
    }

    /**
     * A key from stored or imported bytes. Takes ownership of {@code material}: closing the key closes it.
     *
     * @throws KeyOperationException {@link Reason#INVALID_KEY_MATERIAL} if the length is outside the spec's range
     */
    public static HmacKey of(HmacKeySpec spec, Secret material) throws KeyOperationException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(material, "material");
        if (material.length() < spec.minKeyBytes() || material.length() > spec.maxKeyBytes()) {
            throw new KeyOperationException(Reason.INVALID_KEY_MATERIAL, "Key material for " + spec + " must be "
                    + spec.minKeyBytes() + " to " + spec.maxKeyBytes() + " bytes, got " + material.length());
        }
        return new HmacKey(spec, material);
    }

    public HmacKeySpec spec() {
        return spec;
    }

    /** The key bytes, to be sealed for storage. Owned by this key: close the key, not the secret. */
    public Secret material() {
        return material;
    }

    @Override
    public void close() {
        material.close();
    }

    @Override
    public String toString() {
        return "HmacKey[" + spec + ", " + material.length() + " bytes]";
    }
}
