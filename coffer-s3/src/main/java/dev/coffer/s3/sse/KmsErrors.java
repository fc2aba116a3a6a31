package dev.coffer.s3.sse;

import dev.coffer.kms.KmsException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;

/**
 * What S3 answers when the KMS call it made for a request fails: {@code KMS.<KMS error type>} with KMS's
 * message, as S3 passes them through ({@code KMS.DisabledException}, {@code KMS.KMSInvalidStateException},
 * {@code KMS.NotFoundException}, all 400), and {@code AccessDenied} (403) when KMS refused the requester.
 */
final class KmsErrors {
    private KmsErrors() {}

    static S3Exception toS3(KmsException e, String keyDescription) {
        return switch (e.code()) {
            case DISABLED -> new S3Exception(S3ErrorCode.KMS_DISABLED, keyDescription + " is disabled.");
            case INVALID_STATE -> new S3Exception(S3ErrorCode.KMS_INVALID_STATE,
                    keyDescription + " is pending deletion.");
            case NOT_FOUND -> new S3Exception(S3ErrorCode.KMS_NOT_FOUND, "Invalid keyId " + keyDescription);
            case ACCESS_DENIED, NOT_AUTHORIZED -> new S3Exception(S3ErrorCode.ACCESS_DENIED,
                    "User is not authorized to use the KMS key " + keyDescription);
            case INVALID_KEY_USAGE, INVALID_ARN -> new S3Exception(S3ErrorCode.KMS_INVALID_KEY_USAGE,
                    "The KMS key " + keyDescription + " cannot be used for server-side encryption.");
            case THROTTLING -> new S3Exception(S3ErrorCode.KMS_THROTTLING, e.getMessage());
            default -> new S3Exception(S3ErrorCode.KMS_INTERNAL, "KMS could not serve the request.");
        };
    }
}
