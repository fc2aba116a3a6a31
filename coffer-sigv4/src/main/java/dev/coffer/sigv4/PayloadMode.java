package dev.coffer.sigv4;

import java.util.Optional;

/**
 * How the body is protected, from {@code x-amz-content-sha256} (or its absence on presigned URLs).
 * {@link VerifiedRequest#openBody} applies it; callers mostly need {@link #isChunked()} to know that the
 * body on the wire is aws-chunked and that the stored object must not keep {@code aws-chunked} in its
 * {@code Content-Encoding}.
 */
public enum PayloadMode {
    /** A hex SHA-256 of the body was signed; the body is checked against it at its end. */
    SHA256(null, false, false, false),
    /** The body was hashed by the server before verification ({@link SigV4Verifier#verify(RequestParts, byte[])}). */
    BUFFERED(null, false, false, false),
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature (checksums still apply). */
    UNSIGNED("UNSIGNED-PAYLOAD", false, false, false),
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, true, false),
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true, true),
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", true, false, true);

    private final String wireValue;
    private final boolean chunked;
    private final boolean chunkSigned;
    private final boolean trailer;

    PayloadMode(String wireValue, boolean chunked, boolean chunkSigned, boolean trailer) {
        this.wireValue = wireValue;
        this.chunked = chunked;
        this.chunkSigned = chunkSigned;
        this.trailer = trailer;
    }

    /** The {@code x-amz-content-sha256} value naming this mode; null for the hash-based modes. */
    public String wireValue() {
        return wireValue;
    }

    public boolean isChunked() {
        return chunked;
    }

    public boolean isChunkSigned() {
        return chunkSigned;
    }

    public boolean hasTrailer() {
        return trailer;
    }

    /** The mode a {@code x-amz-content-sha256} keyword names (case-sensitive, as AWS compares it). */
    public static Optional<PayloadMode> fromWireValue(String value) {
        for (PayloadMode m : values()) {
            if (m.wireValue != null && m.wireValue.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
