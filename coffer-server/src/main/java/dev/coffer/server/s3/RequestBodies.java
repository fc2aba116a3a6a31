package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;

/** Reading the small request bodies of configuration calls, with a hard size limit. */
final class RequestBodies {
    private RequestBodies() {}

    /**
     * Reads the whole body (so that its signature and checksums are verified) and refuses one larger than
     * {@code limit} without reading further.
     */
    static byte[] readSmall(InputStream body, int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The request body is too large for this operation.");
        }
        return bytes;
    }
}
