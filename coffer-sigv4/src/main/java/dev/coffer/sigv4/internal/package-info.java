/**
 * How verification is done: parsing ({@code SignatureClaim}), canonicalisation ({@code CanonicalRequest},
 * {@code UriEncoding}), keys ({@code SigningKeyCache}) and the body decoders ({@code AwsChunkedBody},
 * {@code PlainBody}). Callers use {@code dev.coffer.sigv4} only; start reading at {@code SignatureClaim}.
 */
package dev.coffer.sigv4.internal;
