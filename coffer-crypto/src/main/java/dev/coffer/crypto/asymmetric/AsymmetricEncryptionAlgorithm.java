package dev.coffer.crypto.asymmetric;

import java.util.Arrays;
import java.util.Optional;

/**
 * KMS's RSA encryption algorithms ({@code EncryptionAlgorithmSpec} minus SYMMETRIC_DEFAULT and the China-only
 * SM2PKE): RSAES-OAEP (RFC 8017 §7.1) with the same hash for OAEP and for MGF1, and an empty label.
 */
public enum AsymmetricEncryptionAlgorithm {
    RSAES_OAEP_SHA_1(HashFunction.SHA_1),
    RSAES_OAEP_SHA_256(HashFunction.SHA_256);

    private final HashFunction hash;

    AsymmetricEncryptionAlgorithm(HashFunction hash) {
        this.hash = hash;
    }

    public String wireName() {
        return name();
    }

    public static Optional<AsymmetricEncryptionAlgorithm> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(a -> a.name().equals(wireName)).findFirst();
    }

    /**
     * The largest plaintext this algorithm encrypts under an RSA key of {@code spec}: k − 2·hLen − 2 bytes, where k
     * is the modulus length (RSA_2048: 214 with SHA-1, 190 with SHA-256), as AWS's key spec reference tabulates.
     *
     * @throws IllegalArgumentException if {@code spec} is not an RSA spec (a caller's bug, not a client's error)
     */
    public int maxPlaintextBytes(AsymmetricKeySpec spec) {
        if (spec.rsaModulusBits() == 0) {
            throw new IllegalArgumentException(spec + " is not an RSA key spec");
        }
        return spec.rsaModulusBits() / 8 - 2 * hash.length() - 2;
    }

    HashFunction hash() {
        return hash;
    }
}
