package dev.coffer.kms.internal;

import java.util.Objects;

/** An alias name within its account: aliases are per account and Region. */
public record AliasRef(String accountId, String aliasName) {
    public AliasRef {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(aliasName, "aliasName");
    }
}
