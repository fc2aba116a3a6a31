package dev.coffer.bench.load;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The encryption headers of one load case. {@code default} sends none (Coffer then applies SSE-S3, a peer
 * without encryption stores plaintext); SSE-KMS uses the account's AWS managed key ({@code aws/s3}); SSE-C a
 * fixed 256-bit key, which S3 accepts over HTTPS only.
 */
enum SseCase {
    DEFAULT("default"),
    SSE_S3("sse-s3"),
    SSE_KMS("sse-kms"),
    SSE_KMS_BUCKET_KEY("sse-kms-bucket-key"),
    DSSE_KMS("dsse-kms"),
    SSE_C("sse-c");

    private static final String CUSTOMER_KEY;
    private static final String CUSTOMER_KEY_MD5;

    static {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        CUSTOMER_KEY = Base64.getEncoder().encodeToString(key);
        try {
            CUSTOMER_KEY_MD5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final String label;

    SseCase(String label) {
        this.label = label;
    }

    static SseCase of(String label) {
        for (SseCase c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown mode " + label);
    }

    PutObjectRequest.Builder apply(PutObjectRequest.Builder b) {
        return switch (this) {
            case DEFAULT -> b;
            case SSE_S3 -> b.serverSideEncryption(ServerSideEncryption.AES256);
            case SSE_KMS -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS);
            case SSE_KMS_BUCKET_KEY -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS).bucketKeyEnabled(true);
            case DSSE_KMS -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS_DSSE);
            case SSE_C -> b.sseCustomerAlgorithm("AES256").sseCustomerKey(CUSTOMER_KEY)
                    .sseCustomerKeyMD5(CUSTOMER_KEY_MD5);
        };
    }

    GetObjectRequest.Builder apply(GetObjectRequest.Builder b) {
        return this == SSE_C
                ? b.sseCustomerAlgorithm("AES256").sseCustomerKey(CUSTOMER_KEY).sseCustomerKeyMD5(CUSTOMER_KEY_MD5)
                : b;
    }
}
