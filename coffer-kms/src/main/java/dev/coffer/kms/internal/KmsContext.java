package dev.coffer.kms.internal;

import dev.coffer.iam.Principal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** What every operation family shares: the registry, the Region, the clock and the randomness. */
public record KmsContext(KeyRegistry registry, MaterialSealer sealer, String region, InstantSource clock,
        SecureRandom random) {
    public KmsContext {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /** Now, to the millisecond (the precision stored). */
    public Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    public String keyArn(String accountId, String keyId) {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public String aliasArn(Principal caller, String aliasName) {
        return "arn:aws:kms:" + region + ":" + caller.accountId() + ":" + aliasName;
    }
}
