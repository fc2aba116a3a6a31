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
 */
public record StoredObject(String bucket, String key, String versionId, BlobId blobId, long size, String etag,
        Instant lastModified, String storageClass, Optional<Checksum> checksum, byte[] sealedMetadata,
        EncryptionRecord encryption) {

    public ObjectBinding binding() {
        return new ObjectBinding(bucket, key, versionId);
    }

    /** The ETag as it appears on the wire, in double quotes. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
