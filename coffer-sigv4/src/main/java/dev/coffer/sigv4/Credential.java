package dev.coffer.sigv4;

import dev.coffer.crypto.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key as the verifier needs it.
 *
 * @param accessKeyId     the public id, {@code AKIA…} or {@code ASIA…}
 * @param secretAccessKey the UTF-8 bytes of the secret access key; the verifier reads it, copies what it
 *                        caches, and never closes it
 * @param principal       the caller's handle for whoever owns the key, handed back in {@link VerifiedRequest}
 * @param sessionToken    for temporary credentials: the token the request must carry; a request with a token
 *                        for a key without one is rejected too
 * @param expiration      for temporary credentials: when they stop working
 */
public record Credential<P>(
        String accessKeyId,
        Secret secretAccessKey,
        P principal,
        Optional<String> sessionToken,
        Optional<Instant> expiration) {

    public Credential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** A long-term access key: no session token, no expiry. */
    public static <P> Credential<P> longTerm(String accessKeyId, Secret secretAccessKey, P principal) {
        return new Credential<>(accessKeyId, secretAccessKey, principal, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        // The session token is a bearer part of the credential: never print it.
        return "Credential[accessKeyId=" + accessKeyId + ", principal=" + principal
                + ", temporary=" + sessionToken.isPresent() + ", expiration=" + expiration + "]";
    }
}
