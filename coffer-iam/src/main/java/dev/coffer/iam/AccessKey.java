package dev.coffer.iam;

import dev.coffer.crypto.Secret;
import java.util.Objects;

/**
 * An access key with its secret unsealed, held in memory only. Not a record: the secret must not appear
 * in {@code toString} or take part in {@code equals}.
 */
public final class AccessKey {
    private final Principal principal;
    private final Secret secretAccessKey;
    private final boolean active;

    public AccessKey(Principal principal, Secret secretAccessKey, boolean active) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.active = active;
    }

    public String accessKeyId() {
        return principal.accessKeyId();
    }

    public Principal principal() {
        return principal;
    }

    /** The secret access key (UTF-8 bytes of its 40-character text). */
    public Secret secretAccessKey() {
        return secretAccessKey;
    }

    public boolean active() {
        return active;
    }

    @Override
    public String toString() {
        return "AccessKey[" + principal.accessKeyId() + ", " + principal.arn() + (active ? "" : ", inactive") + "]";
    }
}
