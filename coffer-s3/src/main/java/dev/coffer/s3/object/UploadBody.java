package dev.coffer.s3.object;

import java.io.InputStream;
import java.util.Optional;

/**
 * An object's content as it arrives: a stream that verifies as it is read (signature, Content-MD5,
 * flexible checksums) and throws at the latest at its end if anything is wrong. Nothing may be committed
 * before {@link #stream()} returned -1.
 */
public interface UploadBody {
    InputStream stream();

    /** The size the client announced (Content-Length or x-amz-decoded-content-length), or -1. */
    long declaredLength();

    /** After the end of the stream: the verified checksum the client sent, or one computed for the object. */
    Optional<Checksum> checksum();

    /**
     * The content's MD5 when it is known before reading — a Content-MD5 header, which the stream verifies at
     * its end (failing with BadDigest), or the ETag of a copy's SSE-S3 source — so that the writer need not
     * hash the body again; MD5 is the slowest step of a write.
     */
    Optional<byte[]> contentMd5();
}
