package dev.coffer.server.http;

/**
 * Turns authenticated requests of one protocol into domain calls, and every failure of that protocol
 * (authentication included) into that protocol's wire error, in one place.
 */
public interface ProtocolAdapter {
    Protocol protocol();

    ApiResponse handle(ApiRequest request) throws Exception;

    /**
     * The wire error for {@code failure}: a SigV4 failure, a domain exception, or anything else (which
     * becomes this protocol's internal error and is logged once by the caller, never echoed).
     */
    ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath);
}
