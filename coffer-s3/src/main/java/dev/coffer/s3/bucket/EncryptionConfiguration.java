package dev.coffer.s3.bucket;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's default encryption (PutBucketEncryption's one rule): what a write that names no encryption gets,
 * and which encryption types writes may not use.
 *
 * @param sseAlgorithm AES256, aws:kms or aws:kms:dsse
 * @param kmsMasterKeyId for aws:kms and aws:kms:dsse: the key (id, ARN or alias); absent means alias/aws/s3
 * @param bucketKeyEnabled whether SSE-KMS writes use a bucket key
 * @param blockSseC whether {@code BlockedEncryptionTypes} holds SSE-C: SSE-C writes are refused
 */
public record EncryptionConfiguration(String sseAlgorithm, Optional<String> kmsMasterKeyId, boolean bucketKeyEnabled,
        boolean blockSseC) {
    public static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    /** What a bucket without a configuration has, as S3 reports it: SSE-S3, nothing blocked. */
    public static final EncryptionConfiguration DEFAULT =
            new EncryptionConfiguration("AES256", Optional.empty(), false, false);

    public EncryptionConfiguration {
        Objects.requireNonNull(sseAlgorithm, "sseAlgorithm");
        Objects.requireNonNull(kmsMasterKeyId, "kmsMasterKeyId");
        if (!ALGORITHMS.contains(sseAlgorithm)) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        if (kmsMasterKeyId.isPresent() && sseAlgorithm.equals("AES256")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "a KMSMasterKeyID is not applicable if the default sse "
                    + "algorithm is not aws:kms or aws:kms:dsse");
        }
    }

    public EncryptionConfiguration withSseCBlocked(boolean blocked) {
        return new EncryptionConfiguration(sseAlgorithm, kmsMasterKeyId, bucketKeyEnabled, blocked);
    }
}
