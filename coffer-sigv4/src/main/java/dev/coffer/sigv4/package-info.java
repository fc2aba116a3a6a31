/**
 * AWS Signature Version 4 verification for the server: header and presigned-URL authentication, signed and
 * aws-chunked bodies (chunk signatures, trailers, checksums). Start at {@link dev.coffer.sigv4.SigV4Verifier}:
 * an adapter fills a {@link dev.coffer.sigv4.RequestParts}, gets a {@link dev.coffer.sigv4.VerifiedRequest} or a
 * {@link dev.coffer.sigv4.SigV4Exception}, and reads the body through {@link dev.coffer.sigv4.VerifiedBody}.
 */
package dev.coffer.sigv4;
