package dev.coffer.sigv4;

/**
 * Every way SigV4 verification can fail. Each constant carries the code and status S3 answers with and S3's
 * default message; a protocol adapter maps the constant to its own wire (S3 XML, KMS JSON, Query XML) with
 * an exhaustive switch. {@link SigV4Exception#getMessage()} may be more specific than {@link #message()}.
 */
public enum SigV4Error {
    /** No SigV4 credentials at all (neither header nor query). */
    MISSING_SECURITY_HEADER("MissingSecurityHeader", 400, "Your request was missing a required header"),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403,
            "The AWS Access Key Id you provided does not exist in our records."),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided. "
                    + "Check your key and signing method."),
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400,
            "The authorization header is malformed; the authorization header requires three components: "
                    + "Credential, SignedHeaders, and Signature."),
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400,
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
    /** An Authorization header of a scheme that is not AWS's at all ({@code Bearer …}). */
    UNSUPPORTED_AUTHORIZATION_TYPE("InvalidArgument", 400, "Unsupported Authorization Type"),
    /** Another AWS scheme: Signature Version 2 (header or query), SigV4a. */
    UNSUPPORTED_AUTHORIZATION_MECHANISM("InvalidRequest", 400,
            "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."),
    /** Both an Authorization header and presigned query parameters. */
    MULTIPLE_AUTH_MECHANISMS("InvalidArgument", 400,
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
                    + "string parameter or the Authorization header should be specified"),
    /** No parseable {@code x-amz-date} or {@code Date}. */
    MISSING_DATE("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header"),
    /** An {@code x-amz-*} header the signature does not cover (S3), or {@code host} not signed. */
    HEADERS_NOT_SIGNED("AccessDenied", 403, "There were headers present in the request which were not signed"),
    ACCESS_DENIED_EXPIRED("AccessDenied", 403, "Request has expired"),
    /** A presigned URL whose X-Amz-Date lies in the future beyond the allowed skew. */
    ACCESS_DENIED_NOT_YET_VALID("AccessDenied", 403, "Request is not valid yet"),
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403,
            "The difference between the request time and the current time is too large."),
    INVALID_TOKEN("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
    EXPIRED_TOKEN("ExpiredToken", 400, "The provided token has expired."),
    MISSING_CONTENT_SHA256("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256"),
    INVALID_CONTENT_SHA256("InvalidArgument", 400,
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                    + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid "
                    + "sha256 value."),
    X_AMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400,
            "The provided 'x-amz-content-sha256' header does not match what was computed."),
    /** A malformed Content-MD5. */
    INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
    /** Content-MD5 or an {@code x-amz-checksum-*} value does not match the body. */
    BAD_DIGEST("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
    /** A checksum header problem S3 reports as InvalidRequest (malformed value, several algorithms, …). */
    INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
    MALFORMED_TRAILER("MalformedTrailerError", 400,
            "The request contained trailing data that was not well-formed or did not conform to our published "
                    + "schema."),
    INVALID_CHUNK_SIZE("InvalidChunkSizeError", 400,
            "Only the last chunk is allowed to have a size less than 8192 bytes"),
    /** The aws-chunked framing is broken (not a size line where one must be, no CRLF after the data, …). */
    MALFORMED_CHUNKED_BODY("InvalidRequest", 400, "The request body is not a well-formed aws-chunked body."),
    INCOMPLETE_BODY("IncompleteBody", 400,
            "You did not provide the number of bytes specified by the Content-Length HTTP header"),
    INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument");

    private final String s3Code;
    private final int httpStatus;
    private final String message;

    SigV4Error(String s3Code, int httpStatus, String message) {
        this.s3Code = s3Code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    /** The S3 {@code <Code>}. */
    public String s3Code() {
        return s3Code;
    }

    /** The HTTP status S3 answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** S3's default message for the code. */
    public String message() {
        return message;
    }
}
