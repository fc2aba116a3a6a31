package dev.coffer.iam;

import java.util.Objects;

/**
 * The account root's credentials as the operator configured them, or as first start generated them.
 * Not a record, so the secret never reaches a {@code toString}.
 */
public final class RootCredentials {
    private final String accessKeyId;
    private final char[] secretAccessKey;
    private final String accountId;
    private final boolean newlyCreated;

    public RootCredentials(String accessKeyId, char[] secretAccessKey, String accountId, boolean newlyCreated) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = secretAccessKey.clone();
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.newlyCreated = newlyCreated;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** The secret, to print once at first start; never log it anywhere else. */
    public String revealSecretAccessKey() {
        return new String(secretAccessKey);
    }

    public String accountId() {
        return accountId;
    }

    /** True when this start generated the credentials, i.e. the one time they may be shown. */
    public boolean newlyCreated() {
        return newlyCreated;
    }

    @Override
    public String toString() {
        return "RootCredentials[" + accessKeyId + ", account " + accountId + "]";
    }
}
