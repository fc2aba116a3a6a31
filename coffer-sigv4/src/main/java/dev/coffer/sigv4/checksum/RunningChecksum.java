package dev.coffer.sigv4.checksum;

/**
 * A checksum being computed over a stream. Not thread-safe; one instance per body.
 */
public interface RunningChecksum {
    void update(byte[] bytes, int offset, int length);

    /** The digest in AWS's byte order (big-endian for the CRCs); the checksum is unusable afterwards. */
    byte[] finish();
}
