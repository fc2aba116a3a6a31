package dev.coffer.s3.sse;

import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The server-side encryption a write asks for, as its headers say it (SSE-C keys travel separately, as
 * {@link SseCustomerKey}). All absent: the bucket's default encryption applies.
 *
 * @param serverSideEncryption {@code x-amz-server-side-encryption}: AES256, aws:kms or aws:kms:dsse
 * @param kmsKeyId {@code x-amz-server-side-encryption-aws-kms-key-id}: key id, key ARN, alias name or alias ARN
 * @param kmsContext {@code x-amz-server-side-encryption-context}, decoded
 * @param bucketKeyEnabled {@code x-amz-server-side-encryption-bucket-key-enabled}
 */
public record SseRequest(Optional<String> serverSideEncryption, Optional<String> kmsKeyId,
        Optional<SortedMap<String, String>> kmsContext, Optional<Boolean> bucketKeyEnabled) {
    public SseRequest {
        Objects.requireNonNull(serverSideEncryption, "serverSideEncryption");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(kmsContext, "kmsContext");
        Objects.requireNonNull(bucketKeyEnabled, "bucketKeyEnabled");
    }

    public static SseRequest none() {
        return new SseRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static SseRequest of(String serverSideEncryption) {
        return new SseRequest(Optional.of(serverSideEncryption), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return serverSideEncryption.isEmpty() && kmsKeyId.isEmpty() && kmsContext.isEmpty() && bucketKeyEnabled.isEmpty();
    }
}
