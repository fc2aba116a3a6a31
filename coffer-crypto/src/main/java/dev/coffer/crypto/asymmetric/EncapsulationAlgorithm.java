package dev.coffer.crypto.asymmetric;

import java.util.Arrays;
import java.util.Optional;

/** KMS's {@code EncapsulationAlgorithmSpec}: only ML-KEM (FIPS 203). */
public enum EncapsulationAlgorithm {
    ML_KEM;

    public String wireName() {
        return name();
    }

    public static Optional<EncapsulationAlgorithm> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(a -> a.name().equals(wireName)).findFirst();
    }
}
