package dev.coffer.crypto.asymmetric;

import java.util.Arrays;
import java.util.Optional;

/**
 * KMS's {@code MessageType} for Sign and Verify: whether {@code Message} is the message itself ({@link #RAW}), a
 * digest the caller already computed with the algorithm's hash ({@link #DIGEST}), or ML-DSA's 64-byte message
 * representative μ of FIPS 204 §6.2 ({@link #EXTERNAL_MU}). Which types an algorithm accepts is
 * {@link SigningAlgorithm#messageTypes()}.
 */
public enum MessageType {
    RAW,
    DIGEST,
    EXTERNAL_MU;

    public String wireName() {
        return name();
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.name().equals(wireName)).findFirst();
    }
}
