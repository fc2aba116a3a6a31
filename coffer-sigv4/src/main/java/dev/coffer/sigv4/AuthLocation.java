package dev.coffer.sigv4;

/** Where the signature came from. */
public enum AuthLocation {
    /** {@code Authorization: AWS4-HMAC-SHA256 …} */
    HEADER,
    /** A presigned URL: {@code X-Amz-Signature} and friends in the query string. */
    QUERY
}
