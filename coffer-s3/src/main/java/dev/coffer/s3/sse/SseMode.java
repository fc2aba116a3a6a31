package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;

/**
 * How an object's data key is protected. Each mode wraps and unwraps the key, and describes itself for
 * responses; the write and read paths call these without asking which mode it is. {@link SseModes} is the
 * one place that picks a mode, from a request (writes) or from a stored record (reads).
 *
 * <p>Phase B adds {@code SseKms} (a KMS data key, generated as the requester) and {@code DsseKms} (two layers):
 * both fit this interface; their extra fields already have columns in {@link EncryptionRecord}.
 */
public sealed interface SseMode permits SseS3, SseC {

    SseAlgorithm algorithm();

    /** Wraps {@code dataKey} for the object {@code where}: the record to store (without body parameters). */
    EncryptionRecord wrap(Secret dataKey, ObjectBinding where, int bodyFormat, int segmentSize);

    /**
     * The data key of an object stored with this mode. A key that does not unwrap means the row was altered or
     * moved: that is a broken invariant, not a client error.
     */
    Secret unwrap(EncryptionRecord record, ObjectBinding where);

    /** What responses say about this encryption. */
    ResponseEncryption describe();

    /** Whether the ETag is the MD5 of the plaintext (S3 does so only where it reveals nothing new). */
    boolean etagIsContentMd5();
}
