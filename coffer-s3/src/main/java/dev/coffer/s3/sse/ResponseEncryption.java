package dev.coffer.s3.sse;

import java.util.Objects;
import java.util.Optional;

/**
 * What responses say about an object's encryption (the adapter turns it into headers).
 *
 * @param serverSideEncryption {@code x-amz-server-side-encryption}: AES256, aws:kms, aws:kms:dsse
 * @param customerAlgorithm SSE-C: {@code x-amz-server-side-encryption-customer-algorithm}
 * @param customerKeyMd5 SSE-C: {@code x-amz-server-side-encryption-customer-key-MD5}, of the key the request sent
 * @param kmsKeyArn SSE-KMS, DSSE-KMS: {@code x-amz-server-side-encryption-aws-kms-key-id}, the key ARN
 * @param kmsContext SSE-KMS, DSSE-KMS: the encryption context as base64 JSON (writes echo it)
 * @param bucketKeyEnabled SSE-KMS: {@code x-amz-server-side-encryption-bucket-key-enabled}
 */
public record ResponseEncryption(Optional<String> serverSideEncryption, Optional<String> customerAlgorithm,
        Optional<String> customerKeyMd5, Optional<String> kmsKeyArn, Optional<String> kmsContext,
        boolean bucketKeyEnabled) {
    public ResponseEncryption {
        Objects.requireNonNull(serverSideEncryption, "serverSideEncryption");
        Objects.requireNonNull(customerAlgorithm, "customerAlgorithm");
        Objects.requireNonNull(customerKeyMd5, "customerKeyMd5");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
        Objects.requireNonNull(kmsContext, "kmsContext");
    }

    public ResponseEncryption(Optional<String> serverSideEncryption, Optional<String> customerAlgorithm,
            Optional<String> customerKeyMd5) {
        this(serverSideEncryption, customerAlgorithm, customerKeyMd5, Optional.empty(), Optional.empty(), false);
    }
}
