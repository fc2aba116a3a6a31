package dev.coffer.s3.sse;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsException;
import java.util.Optional;

/**
 * The key SSE-KMS uses when a request names none, or names {@code alias/aws/s3}: the account's AWS managed key
 * for S3, which KMS creates on first use as the requester ({@code KmsService#awsManagedKey}).
 */
final class ManagedKeys {
    static final String SERVICE = "s3";
    static final String ALIAS = "alias/aws/" + SERVICE;

    private final KmsGateway kms;

    ManagedKeys(KmsGateway kms) {
        this.kms = kms;
    }

    /** {@code keyId} itself, or the managed key's ARN if {@code keyId} is absent or names {@code alias/aws/s3}. */
    String resolve(Principal caller, Optional<String> keyId) {
        if (keyId.isPresent() && !isManagedAlias(keyId.get())) {
            return keyId.get();
        }
        try {
            return kms.service().awsManagedKey(caller, SERVICE).arn();
        } catch (KmsException e) {
            throw KmsErrors.toS3(e, ALIAS);
        }
    }

    private static boolean isManagedAlias(String keyId) {
        return keyId.equals(ALIAS) || (keyId.startsWith("arn:") && keyId.endsWith(":" + ALIAS));
    }
}
