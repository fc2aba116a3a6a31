package dev.coffer.crypto.asymmetric;

import java.util.Arrays;
import java.util.Optional;

/**
 * KMS's {@code KeyUsageType}: what a key may do, fixed when the key is created. The constant names are the wire
 * names. {@link #GENERATE_VERIFY_MAC} belongs to HMAC keys ({@code dev.coffer.crypto.mac}); it is here so that one
 * enum covers every usage KMS knows.
 */
public enum KeyUsage {
    SIGN_VERIFY,
    ENCRYPT_DECRYPT,
    KEY_AGREEMENT,
    ENCAPSULATE_DECAPSULATE,
    GENERATE_VERIFY_MAC;

    public String wireName() {
        return name();
    }

    /** Case-sensitive, as KMS's enum validation is. */
    public static Optional<KeyUsage> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(u -> u.name().equals(wireName)).findFirst();
    }
}
