package dev.coffer.s3.object;

import java.util.Objects;
import java.util.Set;

/**
 * A flexible checksum of an object's content, as S3 stores and returns it.
 *
 * @param algorithm CRC32, CRC32C, CRC64NVME, SHA1 or SHA256
 * @param value the base64 digest ({@code "…-N"} for a composite checksum of N parts)
 * @param type FULL_OBJECT or COMPOSITE
 */
public record Checksum(String algorithm, String value, String type) {
    public static final Set<String> ALGORITHMS = Set.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256");
    /** Single-part objects have full-object checksums; multipart adds COMPOSITE. */
    public static final String FULL_OBJECT = "FULL_OBJECT";
    public static final String COMPOSITE = "COMPOSITE";

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        }
    }

    /** A full-object checksum. */
    public Checksum(String algorithm, String value) {
        this(algorithm, value, FULL_OBJECT);
    }
}
