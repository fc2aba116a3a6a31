package dev.coffer.server.sts;

import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.MalformedRequestException;
import dev.coffer.server.http.RequestContext;
import dev.coffer.server.xml.XmlWriter;
import dev.coffer.sigv4.SigV4Exception;

/**
 * The one place STS and IAM errors become the Query protocol's XML:
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
final class QueryErrors {
    private QueryErrors() {}

    static ApiResponse of(Throwable failure, RequestContext context, String namespace) {
        return switch (failure) {
            case SigV4Exception e -> authError(e, context, namespace);
            case QueryError e -> response(e.status(), e.code(), e.getMessage(), context, namespace);
            case MalformedRequestException e -> response(400, "MalformedQueryString", e.getMessage(), context, namespace);
            default -> response(500, "InternalFailure",
                    "The request processing has failed because of an unknown error. Request id: "
                            + context.requestId(), context, namespace);
        };
    }

    private static ApiResponse authError(SigV4Exception e, RequestContext context, String ns) {
        String badSignature = "The request signature we calculated does not match the signature you provided."
                + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
        return switch (e.error()) {
            case MISSING_SECURITY_HEADER -> response(403, "MissingAuthenticationToken",
                    "Request is missing Authentication Token", context, ns);
            case INVALID_ACCESS_KEY_ID, INVALID_TOKEN -> response(403, "InvalidClientTokenId",
                    "The security token included in the request is invalid.", context, ns);
            case EXPIRED_TOKEN -> response(403, "ExpiredToken",
                    "The security token included in the request is expired", context, ns);
            case SIGNATURE_DOES_NOT_MATCH, X_AMZ_CONTENT_SHA256_MISMATCH ->
                    response(403, "SignatureDoesNotMatch", badSignature, context, ns);
            case REQUEST_TIME_TOO_SKEWED -> response(403, "SignatureDoesNotMatch", "Signature expired: "
                    + e.details().getOrDefault("RequestTime", "?") + " is now out of the allowed 15-minute window"
                    + " around the server time " + e.details().getOrDefault("ServerTime", "?"), context, ns);
            case ACCESS_DENIED_EXPIRED, ACCESS_DENIED_NOT_YET_VALID ->
                    response(403, "AccessDenied", e.getMessage(), context, ns);
            case AUTHORIZATION_HEADER_MALFORMED, AUTHORIZATION_QUERY_PARAMETERS_ERROR, UNSUPPORTED_AUTHORIZATION_TYPE,
                 UNSUPPORTED_AUTHORIZATION_MECHANISM, MULTIPLE_AUTH_MECHANISMS, MISSING_DATE, HEADERS_NOT_SIGNED ->
                    response(400, "IncompleteSignature", e.getMessage(), context, ns);
            case MISSING_CONTENT_SHA256, INVALID_CONTENT_SHA256, INVALID_DIGEST, BAD_DIGEST, INVALID_REQUEST,
                 MALFORMED_TRAILER, INVALID_CHUNK_SIZE, MALFORMED_CHUNKED_BODY, INCOMPLETE_BODY, INVALID_ARGUMENT ->
                    response(400, "InvalidParameterValue", e.getMessage(), context, ns);
        };
    }

    static ApiResponse response(int status, String code, String message, RequestContext context, String namespace) {
        XmlWriter xml = new XmlWriter().start("ErrorResponse", namespace)
                .start("Error")
                .element("Type", status >= 500 ? "Receiver" : "Sender")
                .element("Code", code)
                .element("Message", message)
                .end()
                .element("RequestId", context.requestId())
                .end();
        return ApiResponse.status(status)
                .header("x-amzn-RequestId", context.requestId())
                .body("text/xml", xml.toBytes())
                .build();
    }
}
