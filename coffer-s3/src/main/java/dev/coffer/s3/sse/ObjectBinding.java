package dev.coffer.s3.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Which write of which object a key, body or metadata belongs to: bucket, key and the internal version id.
 * Its associated data binds ciphertexts to the object, so a wrapped key, body or sealed metadata copied to
 * another object (or to another write of the same key) fails to open.
 *
 * <p>Associated data encoding, frozen: each field as {@code uint32_be(length) ‖ UTF-8 bytes}, in the order
 * {@code "coffer-s3-object-v1", purpose, bucket, key, versionId}. Unambiguous for any strings.
 */
public record ObjectBinding(String bucket, String key, String versionId) {
    public ObjectBinding {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
    }

    /** The associated data for one use ({@code "body"}, {@code "metadata"}, {@code "dek:SSE_S3"}, …). */
    public byte[] associatedData(String purpose) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + key.length());
        for (String field : new String[] {"coffer-s3-object-v1", purpose, bucket, key, versionId}) {
            byte[] b = field.getBytes(UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
