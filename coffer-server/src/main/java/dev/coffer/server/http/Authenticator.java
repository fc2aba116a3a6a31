package dev.coffer.server.http;

import dev.coffer.iam.Principal;
import java.io.IOException;
import java.io.InputStream;

/** Verifies a request's SigV4 signature once, and gives back who signed it and its verifying body. */
public interface Authenticator {
    /**
     * The signer and the decoded, verifying body of a request of {@code protocol}; throws
     * {@code SigV4Exception} when the request fails verification.
     */
    Authenticated authenticate(HttpRequestParts request, Protocol protocol) throws IOException;

    /** An authenticated request: the principal and the payload stream that verifies as it is read. */
    record Authenticated(Principal principal, InputStream body) {}
}
