package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.MalformedRequestException;
import dev.coffer.server.http.RequestContext;
import dev.coffer.server.xml.XmlWriter;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import java.util.Map;

/**
 * The one place S3 errors become S3's XML error document,
 * {@code <Error><Code/><Message/>…<Resource/><RequestId/><HostId/></Error>}, with AWS's status. A HEAD
 * response carries the status only, as S3 sends no body to HEAD.
 */
public final class S3Errors {
    private S3Errors() {}

    public static ApiResponse of(Throwable failure, RequestContext context, String method, String rawPath) {
        return switch (failure) {
            case S3Exception e when e.code() == S3ErrorCode.NOT_MODIFIED -> notModified(e);
            case S3Exception e -> document(e.code().code(), e.code().httpStatus(), e.getMessage(),
                    bucketNameOf(e), e.details(), context, method, rawPath);
            case SigV4Exception e -> fromSigV4(e, context, method, rawPath);
            case MalformedRequestException e -> document(S3ErrorCode.INVALID_ARGUMENT.code(), 400, e.getMessage(),
                    null, Map.of(), context, method, rawPath);
            default -> document(S3ErrorCode.INTERNAL_ERROR.code(), 500, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                    null, Map.of(), context, method, rawPath);
        };
    }

    /** 304 has no body; S3 still names the current ETag. */
    private static ApiResponse notModified(S3Exception e) {
        ApiResponse.Builder response = ApiResponse.status(304);
        String etag = e.details().get("ETag");
        if (etag != null) {
            response.header("ETag", etag);
        }
        return response.build();
    }

    private static ApiResponse fromSigV4(SigV4Exception e, RequestContext context, String method, String rawPath) {
        if (e.error() == SigV4Error.MISSING_SECURITY_HEADER) {
            // An anonymous request to a private resource is refused as S3 refuses it, not as malformed.
            return document(S3ErrorCode.ACCESS_DENIED.code(), 403, S3ErrorCode.ACCESS_DENIED.defaultMessage(),
                    null, Map.of(), context, method, rawPath);
        }
        return document(e.error().s3Code(), e.error().httpStatus(), e.getMessage(), null, e.details(), context,
                method, rawPath);
    }

    private static String bucketNameOf(S3Exception e) {
        return switch (e.code()) {
            case NO_SUCH_BUCKET, BUCKET_ALREADY_EXISTS, BUCKET_ALREADY_OWNED_BY_YOU, BUCKET_NOT_EMPTY ->
                    e.resource().orElse(null);
            default -> null;
        };
    }

    private static ApiResponse document(String code, int status, String message, String bucketName,
            Map<String, String> details, RequestContext context, String method, String rawPath) {
        ApiResponse.Builder response = ApiResponse.status(status);
        if (method.equals("HEAD")) {
            return response.build();
        }
        XmlWriter xml = new XmlWriter().start("Error").element("Code", code).element("Message", message);
        if (bucketName != null) {
            xml.element("BucketName", bucketName);
        }
        details.forEach(xml::element);
        xml.element("Resource", rawPath)
                .element("RequestId", context.requestId())
                .element("HostId", context.hostId())
                .end();
        return response.body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }
}
