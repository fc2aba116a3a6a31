package dev.coffer.server.http;

import dev.coffer.iam.Principal;
import dev.coffer.sigv4.Headers;
import java.io.InputStream;
import java.util.Objects;

/**
 * An authenticated request as protocol adapters see it.
 *
 * @param method the HTTP method
 * @param rawPath the path as sent, still percent-encoded
 * @param query the decoded query parameters
 * @param host the Host header without its port (for virtual-hosted-style S3)
 * @param headers the request headers
 * @param body the payload, already decoded from aws-chunked and verified as it is read: a SigV4 or
 *     checksum failure surfaces as an exception from {@code read}, at the latest at end of stream, so an
 *     adapter must read to the end before it commits anything
 * @param principal who signed the request
 * @param context ids, transport and time
 */
public record ApiRequest(String method, String rawPath, QueryParams query, String host, Headers headers,
        InputStream body, Principal principal, RequestContext context) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(context, "context");
    }
}
