package dev.coffer.kms.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The requests and results of the grant operations ({@link Grants}). */
public final class GrantRequests {
    private GrantRequests() {}

    /** A grant's Constraints: at most one of the two maps is usually given; both are kept as sent. */
    public record Constraints(Map<String, String> encryptionContextSubset, Map<String, String> encryptionContextEquals) {
        public Constraints {
            encryptionContextSubset = Map.copyOf(encryptionContextSubset);
            encryptionContextEquals = Map.copyOf(encryptionContextEquals);
        }

        public boolean isEmpty() {
            return encryptionContextSubset.isEmpty() && encryptionContextEquals.isEmpty();
        }
    }

    public record CreateGrant(String keyId, String granteePrincipal, Optional<String> retiringPrincipal,
            List<String> operations, Optional<Constraints> constraints, Optional<String> name, boolean dryRun) {
        public CreateGrant {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(granteePrincipal, "granteePrincipal");
            Objects.requireNonNull(retiringPrincipal, "retiringPrincipal");
            operations = List.copyOf(operations);
            Objects.requireNonNull(constraints, "constraints");
            Objects.requireNonNull(name, "name");
        }
    }

    public record GrantCreated(String grantId, String grantToken) {}

    /** One grant as ListGrants returns it. {@code keyArn} is what AWS calls KeyId there. */
    public record Grant(String keyArn, String grantId, Optional<String> name, Instant creationDate,
            String granteePrincipal, Optional<String> retiringPrincipal, String issuingAccount, List<String> operations,
            Optional<Constraints> constraints) {}

    public record ListGrants(String keyId, Optional<Integer> limit, Optional<String> marker, Optional<String> grantId,
            Optional<String> granteePrincipal) {}

    /** RetireGrant: a grant token, or a key id and a grant id. */
    public record RetireGrant(Optional<String> grantToken, Optional<String> keyId, Optional<String> grantId,
            boolean dryRun) {}
}
