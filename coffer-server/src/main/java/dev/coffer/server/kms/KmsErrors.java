package dev.coffer.server.kms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.MalformedRequestException;
import dev.coffer.server.http.RequestContext;
import dev.coffer.sigv4.SigV4Exception;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place KMS errors become JSON 1.1 error responses: {@code {"__type": "...", "message": "..."}}
 * with the status AWS uses, and {@code x-amzn-RequestId}.
 */
public final class KmsErrors {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final JsonFactory JSON = new JsonFactory();

    private KmsErrors() {}

    public static ApiResponse of(Throwable failure, RequestContext context) {
        return switch (failure) {
            case SigV4Exception e -> authError(e, context);
            case KmsWireError e -> response(e.status(), e.type(), e.getMessage(), context);
            case KmsException e -> domainError(e, context);
            case MalformedRequestException e -> response(400, "ValidationException", e.getMessage(), context);
            default -> response(500, "KMSInternalException",
                    "An internal error occurred. Request id: " + context.requestId(), context);
        };
    }

    /** Every domain error, by code: the wire type and status come from {@link KmsErrorCode}. */
    private static ApiResponse domainError(KmsException e, RequestContext context) {
        KmsErrorCode code = e.code();
        String message = switch (code) {
            case INTERNAL -> "An internal error occurred. Request id: " + context.requestId();
            default -> e.getMessage();
        };
        return response(code.httpStatus(), code.type(), message, context);
    }

    private static ApiResponse authError(SigV4Exception e, RequestContext context) {
        String badSignature = "The request signature we calculated does not match the signature you provided."
                + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
        return switch (e.error()) {
            case MISSING_SECURITY_HEADER -> response(400, "MissingAuthenticationTokenException",
                    "Missing Authentication Token", context);
            case INVALID_ACCESS_KEY_ID, INVALID_TOKEN -> response(400, "UnrecognizedClientException",
                    "The security token included in the request is invalid.", context);
            case EXPIRED_TOKEN -> response(400, "ExpiredTokenException",
                    "The security token included in the request is expired", context);
            case SIGNATURE_DOES_NOT_MATCH, X_AMZ_CONTENT_SHA256_MISMATCH ->
                    response(400, "InvalidSignatureException", badSignature, context);
            case REQUEST_TIME_TOO_SKEWED -> response(400, "InvalidSignatureException", "Signature expired: "
                    + e.details().getOrDefault("RequestTime", "?") + " is now out of the allowed 15-minute window"
                    + " around the server time " + e.details().getOrDefault("ServerTime", "?"), context);
            case ACCESS_DENIED_EXPIRED, ACCESS_DENIED_NOT_YET_VALID ->
                    response(400, "InvalidSignatureException", e.getMessage(), context);
            case AUTHORIZATION_HEADER_MALFORMED, AUTHORIZATION_QUERY_PARAMETERS_ERROR, UNSUPPORTED_AUTHORIZATION_TYPE,
                 UNSUPPORTED_AUTHORIZATION_MECHANISM, MULTIPLE_AUTH_MECHANISMS, MISSING_DATE, HEADERS_NOT_SIGNED ->
                    response(400, "IncompleteSignatureException", e.getMessage(), context);
            case MISSING_CONTENT_SHA256, INVALID_CONTENT_SHA256, INVALID_DIGEST, BAD_DIGEST, INVALID_REQUEST,
                 MALFORMED_TRAILER, INVALID_CHUNK_SIZE, MALFORMED_CHUNKED_BODY, INCOMPLETE_BODY, INVALID_ARGUMENT ->
                    response(400, "ValidationException", e.getMessage(), context);
        };
    }

    static ApiResponse response(int status, String type, String message, RequestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", type);
            if (message != null) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ApiResponse.status(status)
                .header("x-amzn-RequestId", context.requestId())
                .body(CONTENT_TYPE, out.toByteArray())
                .build();
    }
}
