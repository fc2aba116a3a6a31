package dev.coffer.kms.alias;

import java.time.Instant;

/** One entry of ListAliases. */
public record AliasEntry(String aliasName, String aliasArn, String targetKeyId, Instant creationDate,
        Instant lastUpdatedDate) {}
