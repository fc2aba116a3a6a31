package dev.coffer.crypto.asymmetric;

import java.util.Arrays;
import java.util.Optional;

/** KMS's {@code KeyAgreementAlgorithmSpec}: only ECDH, the cofactor Diffie-Hellman primitive over NIST curves. */
public enum KeyAgreementAlgorithm {
    ECDH;

    public String wireName() {
        return name();
    }

    public static Optional<KeyAgreementAlgorithm> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(a -> a.name().equals(wireName)).findFirst();
    }
}
