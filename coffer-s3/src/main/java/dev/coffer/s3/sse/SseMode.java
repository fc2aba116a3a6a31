package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;
import java.util.Optional;

/**
 * How an object's data key is made and protected. Each mode issues a new data key with the record that stores
 * it, unwraps stored keys, and describes itself for responses; the write and read paths call these without
 * asking which mode it is. {@link SseModes} is the one place that picks a mode, from a request and the bucket's
 * default encryption (writes) or from a stored record (reads).
 */
public sealed interface SseMode permits SseS3, SseC, SseKms, DsseKms {

    SseAlgorithm algorithm();

    /** A new data key for the object {@code where}, and the record that stores it (with the body parameters). */
    IssuedKey issue(ObjectBinding where, int bodyFormat, int segmentSize);

    /**
     * The data key of an object stored with this mode. A key that does not unwrap under Coffer's own keys means
     * the row was altered or moved: a broken invariant, not a client error. A KMS key that is disabled, pending
     * deletion or gone is the client's error, as S3 reports it ({@link KmsErrors}).
     */
    Secret unwrap(EncryptionRecord record, ObjectBinding where);

    /**
     * The key of the second, independent layer of an object's body (DSSE-KMS), or empty for the single-layer
     * modes. The body pipeline wraps the ciphertext in {@code dev.coffer.crypto.stream.OuterLayerCipher} when
     * there is one.
     */
    default Optional<Secret> outerKey(EncryptionRecord record, ObjectBinding where) {
        return Optional.empty();
    }

    /** What responses say about an object stored under {@code record}. */
    ResponseEncryption describe(EncryptionRecord record);

    /** Whether the ETag is the MD5 of the plaintext (S3 does so only where it reveals nothing new). */
    boolean etagIsContentMd5();
}
