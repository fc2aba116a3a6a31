package dev.coffer.s3.object;

import dev.coffer.s3.sse.EncryptionRecord;
import dev.coffer.s3.sse.ObjectBinding;
import dev.coffer.store.BlobId;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code objects}: everything about an object except its body (in the blob) and its metadata
 * values (sealed in {@code sealedMetadata}).
 *
 * @param versionId the internal id of this write (binds keys, body and metadata to it)
 * @param size the plaintext size
 * @param etag the ETag without quotes
 * @param partCount 0 for a single body in {@code blobId}; N for a multipart object, whose bodies are its N parts
 *     ({@code object_parts}) and whose {@code blobId} is {@link #MULTIPART_BLOB} (all zeros, the name of no blob)
 */
public record StoredObject(String bucket, String key, String versionId, BlobId blobId, long size, String etag,
        Instant lastModified, String storageClass, Optional<Checksum> checksum, byte[] sealedMetadata,
        EncryptionRecord encryption, int partCount) {
    /** What {@code objects.blob_id} holds for a multipart object: no blob has this name. */
    public static final BlobId MULTIPART_BLOB = new BlobId("0".repeat(BlobId.HEX_LENGTH));

    public ObjectBinding binding() {
        return new ObjectBinding(bucket, key, versionId);
    }

    /** The ETag as it appears on the wire, in double quotes. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
