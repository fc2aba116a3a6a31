package dev.coffer.crypto.mac;

import java.util.Arrays;
import java.util.Optional;

/** KMS's {@code MacAlgorithmSpec}: HMAC (RFC 2104) with a SHA-2 hash. The tag is the hash's full length. */
public enum MacAlgorithm {
    HMAC_SHA_224("HmacSHA224", 28),
    HMAC_SHA_256("HmacSHA256", 32),
    HMAC_SHA_384("HmacSHA384", 48),
    HMAC_SHA_512("HmacSHA512", 64);

    private final String jcaName;
    private final int macBytes;

    MacAlgorithm(String jcaName, int macBytes) {
        this.jcaName = jcaName;
        this.macBytes = macBytes;
    }

    public String wireName() {
        return name();
    }

    public static Optional<MacAlgorithm> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(a -> a.name().equals(wireName)).findFirst();
    }

    /** The length of a tag. */
    public int macBytes() {
        return macBytes;
    }

    String jcaName() {
        return jcaName;
    }
}
