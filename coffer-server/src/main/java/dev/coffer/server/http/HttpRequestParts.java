package dev.coffer.server.http;

import dev.coffer.sigv4.Headers;
import java.io.InputStream;

/**
 * The parts of an HTTP request that SigV4 verification reads: the method, the path and query exactly as
 * sent (still encoded), the headers, and the raw body.
 */
public record HttpRequestParts(String method, String rawPath, String rawQuery, Headers headers,
        InputStream rawBody) {}
