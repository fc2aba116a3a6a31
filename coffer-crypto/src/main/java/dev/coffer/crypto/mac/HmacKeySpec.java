package dev.coffer.crypto.mac;

import dev.coffer.crypto.asymmetric.KeyUsage;
import java.util.Arrays;
import java.util.Optional;

/**
 * KMS's HMAC key specs. Each supports exactly one MAC algorithm, the one with the same hash, and only the
 * GENERATE_VERIFY_MAC usage. KMS generates keys as long as the hash output (HMAC_224: 28 bytes, …, HMAC_512:
 * 64 bytes).
 *
 * <p>The accepted range for key material that did not come from the generator (imported material) runs from the
 * generated length up to the hash's block size (64 bytes for SHA-224/256, 128 for SHA-384/512). That range is
 * Coffer's reading of KMS's import rules, not checked against AWS's documentation; the generated lengths are.
 */
public enum HmacKeySpec {
    HMAC_224(MacAlgorithm.HMAC_SHA_224, 28, 64),
    HMAC_256(MacAlgorithm.HMAC_SHA_256, 32, 64),
    HMAC_384(MacAlgorithm.HMAC_SHA_384, 48, 128),
    HMAC_512(MacAlgorithm.HMAC_SHA_512, 64, 128);

    private final MacAlgorithm macAlgorithm;
    private final int keyBytes;
    private final int maxKeyBytes;

    HmacKeySpec(MacAlgorithm macAlgorithm, int keyBytes, int maxKeyBytes) {
        this.macAlgorithm = macAlgorithm;
        this.keyBytes = keyBytes;
        this.maxKeyBytes = maxKeyBytes;
    }

    public String wireName() {
        return name();
    }

    /** Case-sensitive; empty for anything that is not an HMAC spec. */
    public static Optional<HmacKeySpec> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.name().equals(wireName)).findFirst();
    }

    /** The one MAC algorithm KMS supports for this spec (what DescribeKey lists as {@code MacAlgorithms}). */
    public MacAlgorithm macAlgorithm() {
        return macAlgorithm;
    }

    public KeyUsage keyUsage() {
        return KeyUsage.GENERATE_VERIFY_MAC;
    }

    /** The length of a generated key. */
    public int keyBytes() {
        return keyBytes;
    }

    /** The shortest key material accepted: the generated length. */
    public int minKeyBytes() {
        return keyBytes;
    }

    /** The longest key material accepted: the hash's block size. */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }
}
