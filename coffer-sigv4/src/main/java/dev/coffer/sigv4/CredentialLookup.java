package dev.coffer.sigv4;

import java.util.Optional;

/**
 * Finds the credential for an access key id. Called once per verified request, on the request thread;
 * implementations should be fast (an in-memory index) and must return empty for disabled or deleted keys.
 */
@FunctionalInterface
public interface CredentialLookup<P> {
    Optional<Credential<P>> find(String accessKeyId);
}
