package dev.coffer.s3.sse;

import java.util.Optional;

/**
 * What responses say about an object's encryption (the adapter turns it into headers).
 *
 * @param serverSideEncryption {@code x-amz-server-side-encryption}: AES256, aws:kms, aws:kms:dsse
 * @param customerAlgorithm SSE-C: {@code x-amz-server-side-encryption-customer-algorithm}
 * @param customerKeyMd5 SSE-C: {@code x-amz-server-side-encryption-customer-key-MD5}, of the key the request sent
 */
public record ResponseEncryption(Optional<String> serverSideEncryption, Optional<String> customerAlgorithm,
        Optional<String> customerKeyMd5) {
}
