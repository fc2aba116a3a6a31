package dev.coffer.sigv4;

import java.util.Objects;

/**
 * What SigV4 needs of a request, taken from any HTTP server without decoding anything.
 *
 * @param method   the HTTP method as sent, e.g. {@code PUT}
 * @param rawPath  the path exactly as on the request line, still percent-encoded, without the query
 *                 ({@code /bucket/my%20key}); never decoded or normalised by the server
 * @param rawQuery the query string as sent, without the {@code ?}; empty when there is none
 * @param headers  every request header; over HTTP/2 the adapter adds {@code host} from {@code :authority}
 */
public record RequestParts(String method, String rawPath, String rawQuery, Headers headers) {
    public RequestParts {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
    }

    /** Splits a raw request target ({@code /path?query}) as it appears on the request line. */
    public static RequestParts of(String method, String rawTarget, Headers headers) {
        int q = rawTarget.indexOf('?');
        return q < 0
                ? new RequestParts(method, rawTarget, "", headers)
                : new RequestParts(method, rawTarget.substring(0, q), rawTarget.substring(q + 1), headers);
    }
}
