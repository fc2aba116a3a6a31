package dev.coffer.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP server listens.
 *
 * @param http the plain HTTP listener, if any (port 0 picks a free port)
 * @param https the TLS listener, if any; needs {@code tls}
 * @param tls the certificate and key for {@code https}
 * @param region the region this server is (credential scopes must name it)
 * @param virtualHostDomains host names under which {@code <bucket>.<domain>} addresses a bucket
 * @param allowHttpForSecrets SSE-C keys are accepted over plain HTTP ({@code --allow-sse-c-over-http}); the S3
 *     domain enforces it, this records it with the rest of the listener policy
 */
public record ServerConfig(Optional<InetSocketAddress> http, Optional<InetSocketAddress> https,
        Optional<TlsIdentity> tls, String region, List<String> virtualHostDomains, boolean allowHttpForSecrets) {
    /** Request line plus headers. S3 caps headers at 8 KB; presigned URLs with long tokens need more. */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

    public ServerConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(region, "region");
        virtualHostDomains = List.copyOf(virtualHostDomains);
        if (http.isEmpty() && https.isEmpty()) {
            throw new IllegalArgumentException("at least one of the HTTP and HTTPS listeners must be on");
        }
        if (https.isPresent() && tls.isEmpty()) {
            throw new IllegalArgumentException("an HTTPS listener needs a certificate and key");
        }
    }
}
