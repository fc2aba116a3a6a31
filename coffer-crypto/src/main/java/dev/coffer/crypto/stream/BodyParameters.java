package dev.coffer.crypto.stream;

/**
 * Validated parameters of an object body cipher: the ciphertext segment size. AES-256-GCM with HKDF-SHA256
 * key derivation is fixed by the format version ({@link BodyCipher#FORMAT_VERSION}), so the segment size is
 * the only choice, and it is stored with every object (a reader needs the size the writer used).
 *
 * @param ciphertextSegmentSize bytes per ciphertext segment, tag included: 4 KiB to 8 MiB
 */
public record BodyParameters(int ciphertextSegmentSize) {
    public static final int MIN_SEGMENT_BYTES = 4 * 1024;
    public static final int MAX_SEGMENT_BYTES = 8 * 1024 * 1024;

    /**
     * The segment size new objects get: 64 KiB. Measured in docs/PERFORMANCE.md ("Object body encryption"):
     * throughput is within a few percent from 64 KiB to 1 MiB, while a small range read costs a whole segment,
     * so the smallest size that keeps full speed wins. Changing it affects new objects only.
     */
    public static final BodyParameters DEFAULT = new BodyParameters(64 * 1024);

    public BodyParameters {
        if (ciphertextSegmentSize < MIN_SEGMENT_BYTES || ciphertextSegmentSize > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment size must be " + MIN_SEGMENT_BYTES + " to "
                    + MAX_SEGMENT_BYTES + " bytes, got " + ciphertextSegmentSize);
        }
    }
}
