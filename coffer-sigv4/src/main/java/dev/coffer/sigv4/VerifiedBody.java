package dev.coffer.sigv4;

import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded payload of a verified request, checked as it streams: aws-chunked framing removed, chunk and
 * trailer signatures, {@code x-amz-content-sha256}, Content-MD5 and {@code x-amz-checksum-*} verified.
 *
 * <p><b>Nothing is buffered whole, so bytes are handed out before everything about them is known.</b>
 * A chunk's signature is checked when the chunk ends and the payload hash and checksums when the body
 * ends; until {@code read} has returned -1 the bytes read so far may be forged or truncated. A consumer must
 * not commit anything (store an object, answer 200) before end of stream, and must discard what it wrote on
 * any exception.
 *
 * <p>A failed check throws {@link SigV4Exception} (unchecked, so it passes through copy loops unchanged);
 * the stream then fails closed: every later read throws the same exception. I/O errors of the underlying
 * stream are rethrown likewise. Not thread-safe. {@link #close()} closes the underlying stream.
 */
public abstract class VerifiedBody extends InputStream {
    private byte[] single;

    /** For this module's decoders only. */
    protected VerifiedBody() {
    }

    /**
     * The checksums computed over the decoded payload (the declared one plus those asked for), base64 as
     * S3 returns them, available once {@code read} has returned -1.
     *
     * @throws IllegalStateException before the end of the body
     */
    public abstract Map<ChecksumAlgorithm, String> checksums();

    /** One computed checksum; see {@link #checksums()}. */
    public Optional<String> checksum(ChecksumAlgorithm algorithm) {
        return Optional.ofNullable(checksums().get(algorithm));
    }

    /**
     * The MD5 the client declared in Content-MD5, if it did. The body fails with BadDigest at its end unless its
     * MD5 is this, so once the body is complete it is the body's MD5.
     */
    public abstract Optional<byte[]> contentMd5();

    /** Decoded payload bytes delivered so far; the object's size once the body is complete. */
    public abstract long length();

    /** True once the end of the body was reached and every check passed. */
    public abstract boolean isComplete();

    @Override
    public int read() throws IOException {
        if (single == null) {
            single = new byte[1];
        }
        int n;
        do {
            n = read(single, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
