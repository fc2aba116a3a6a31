package dev.coffer.server.http;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known of a request before its protocol adapter runs.
 *
 * @param requestId the {@code x-amz-request-id} sent back
 * @param hostId the {@code x-amz-id-2} sent back
 * @param secure whether it came over TLS
 * @param remoteAddress the client's IP address
 * @param received when the server started handling it
 */
public record RequestContext(String requestId, String hostId, boolean secure, String remoteAddress, Instant received) {
    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(received, "received");
    }
}
