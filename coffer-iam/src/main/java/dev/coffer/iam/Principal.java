package dev.coffer.iam;

import java.util.Objects;

/**
 * The authenticated caller of a request, fixed once SigV4 has verified it and never changed afterwards.
 *
 * @param accountId the 12-digit account the caller belongs to
 * @param arn the caller's ARN ({@code arn:aws:iam::<account>:root} for the account root)
 * @param userId the unique id AWS reports in {@code GetCallerIdentity} (the account id for root)
 * @param accessKeyId the access key the request was signed with
 */
public record Principal(String accountId, String arn, String userId, String accessKeyId) {
    public Principal {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
    }

    public boolean isRoot() {
        return arn.endsWith(":root");
    }
}
