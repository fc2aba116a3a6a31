package dev.coffer.s3.object;

import dev.coffer.s3.sse.ResponseEncryption;
import java.util.Optional;

/** What PutObject answers: the quoted ETag, the checksum, and the encryption used. */
public record PutObjectResult(String etag, Optional<Checksum> checksum, ResponseEncryption encryption, long size,
        java.time.Instant lastModified) {
}
