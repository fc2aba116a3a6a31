package dev.coffer.s3.sse;

import java.util.Objects;
import java.util.Optional;

/**
 * How one object is encrypted, as stored in its own columns of {@code objects} (never mixed with user
 * metadata). Versioned: {@link #VERSION} is the layout this code writes; a row with another version is
 * refused, not guessed at.
 *
 * @param version the record layout ({@code enc_version})
 * @param algorithm the mode ({@code sse_mode})
 * @param wrappedKey the data key, wrapped by the mode ({@code wrapped_dek}; {@link KeyWrap} format)
 * @param customerKeyCheck SSE-C: {@code salt ‖ salted HMAC} of the customer key ({@code sse_c_key_check})
 * @param kmsKeyId SSE-KMS and DSSE-KMS: the KMS key ARN
 * @param kmsContext SSE-KMS and DSSE-KMS: the encryption context, canonical JSON ({@link KmsContexts})
 * @param bucketKeyEnabled SSE-KMS: whether a bucket key wrapped the data key
 * @param outerWrappedKey DSSE-KMS: the second layer's data key, wrapped by the S3 service key
 * @param kmsBucketKey SSE-KMS with a bucket key: the KMS ciphertext of the bucket key that wrapped the data key
 * @param bodyFormat the body format ({@code dev.coffer.crypto.stream.BodyCipher#FORMAT_VERSION})
 * @param segmentSize the body's ciphertext segment size
 */
public record EncryptionRecord(int version, SseAlgorithm algorithm, byte[] wrappedKey,
        Optional<byte[]> customerKeyCheck, Optional<String> kmsKeyId, Optional<String> kmsContext,
        boolean bucketKeyEnabled, Optional<byte[]> outerWrappedKey, Optional<byte[]> kmsBucketKey, int bodyFormat,
        int segmentSize) {
    /** The layout this code writes. */
    public static final int VERSION = 1;

    public EncryptionRecord {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(customerKeyCheck, "customerKeyCheck");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(kmsContext, "kmsContext");
        Objects.requireNonNull(outerWrappedKey, "outerWrappedKey");
        Objects.requireNonNull(kmsBucketKey, "kmsBucketKey");
    }

    /** A record of the current layout for the modes without KMS fields (SSE-S3, SSE-C). */
    public static EncryptionRecord of(SseAlgorithm algorithm, byte[] wrappedKey, Optional<byte[]> customerKeyCheck,
            int bodyFormat, int segmentSize) {
        return new EncryptionRecord(VERSION, algorithm, wrappedKey, customerKeyCheck, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), bodyFormat, segmentSize);
    }
}
