package dev.coffer.sigv4.internal;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.PayloadMode;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the body decoders check, read from the headers once the signature is known to be good:
 * the payload claim, lengths, the {@code x-amz-checksum-*} header or trailer, Content-MD5, and what chunk
 * signatures chain from.
 *
 * @param contentLength        Content-Length, or -1 if absent (a plain body shorter than it is incomplete)
 * @param decodedContentLength {@code x-amz-decoded-content-length} for aws-chunked bodies, or -1 if absent
 * @param trailer              the checksum {@code x-amz-trailer} announces
 * @param headerChecksum       a checksum sent as a request header
 * @param chunkSigning         for chunk-signed modes: the key and seed the chunk signatures chain from
 */
public record BodyPlan(
        PayloadClaim payload,
        long contentLength,
        long decodedContentLength,
        Optional<ChecksumAlgorithm> trailer,
        Optional<ExpectedChecksum> headerChecksum,
        Optional<byte[]> contentMd5,
        Optional<ChunkSigning> chunkSigning) {

    /** A checksum the client sent, decoded. */
    public record ExpectedChecksum(ChecksumAlgorithm algorithm, byte[] digest) {
    }

    /** The seed of the chunk-signature chain. The toString hides the key. */
    public record ChunkSigning(Secret signingKey, String amzDate, String scope, String seedSignature) {
        @Override
        public String toString() {
            return "ChunkSigning[scope=" + scope + "]";
        }
    }

    public PayloadMode mode() {
        return payload.mode();
    }

    /** The checksum algorithm the client declared, as a header or a trailer. */
    public Optional<ChecksumAlgorithm> declaredChecksum() {
        return headerChecksum.map(ExpectedChecksum::algorithm).or(() -> trailer);
    }

    public static BodyPlan parse(PayloadClaim payload, Headers headers, ChunkSigning signing) {
        Optional<ExpectedChecksum> headerChecksum = headerChecksum(headers);
        Optional<ChecksumAlgorithm> trailer = trailer(payload.mode(), headers);
        if (headerChecksum.isPresent() && trailer.isPresent()) {
            throw invalidRequest("Expecting a single x-amz-checksum- header");
        }
        Optional<ChecksumAlgorithm> declared = headerChecksum.map(ExpectedChecksum::algorithm).or(() -> trailer);
        Optional<String> sdkAlgorithm = headers.first("x-amz-sdk-checksum-algorithm").map(String::strip);
        if (sdkAlgorithm.isPresent()) {
            Optional<ChecksumAlgorithm> named = ChecksumAlgorithm.fromAlgorithmName(sdkAlgorithm.get());
            if (named.isEmpty()) {
                throw invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }
            if (declared.isEmpty()) {
                throw invalidRequest("x-amz-sdk-checksum-algorithm specified, but no corresponding "
                        + "x-amz-checksum-* or x-amz-trailer headers were found.");
            }
            if (named.get() != declared.get()) {
                throw invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }
        }
        Optional<byte[]> md5 = headers.first("content-md5").map(v -> {
            try {
                byte[] d = Base64.getDecoder().decode(v.strip());
                if (d.length == 16) {
                    return d;
                }
            } catch (IllegalArgumentException e) {
                // falls through to InvalidDigest
            }
            throw SigV4Exception.of(SigV4Error.INVALID_DIGEST);
        });
        long decoded = -1;
        if (payload.mode().isChunked()) {
            Optional<String> d = headers.first("x-amz-decoded-content-length");
            if (d.isPresent()) {
                decoded = parseLength(d.get());
                if (decoded < 0) {
                    throw SigV4Exception.of(SigV4Error.INVALID_ARGUMENT,
                            "x-amz-decoded-content-length must be a non-negative integer.");
                }
            }
        }
        long contentLength = headers.first("content-length").map(BodyPlan::parseLength).orElse(-1L);
        return new BodyPlan(payload, contentLength, decoded, trailer, headerChecksum, md5,
                payload.mode().isChunkSigned() ? Optional.of(signing) : Optional.empty());
    }

    private static Optional<ExpectedChecksum> headerChecksum(Headers headers) {
        ExpectedChecksum found = null;
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            List<String> values = headers.all(a.headerName());
            if (values.isEmpty()) {
                continue;
            }
            if (found != null || values.size() > 1) {
                throw invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not "
                        + "allowed.");
            }
            byte[] digest = a.decode(values.getFirst()).orElseThrow(() ->
                    invalidRequest("Value for " + a.headerName() + " header is invalid."));
            found = new ExpectedChecksum(a, digest);
        }
        return Optional.ofNullable(found);
    }

    private static Optional<ChecksumAlgorithm> trailer(PayloadMode mode, Headers headers) {
        List<String> values = headers.all("x-amz-trailer");
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (!mode.hasTrailer()) {
            // Trailers only exist at the end of an aws-chunked body of a -TRAILER mode.
            throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
        }
        List<ChecksumAlgorithm> named = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                named.add(ChecksumAlgorithm.fromHeaderName(n).orElseThrow(() ->
                        invalidRequest("The value specified in the x-amz-trailer header is not supported")));
            }
        }
        if (named.size() > 1) {
            throw invalidRequest("Expecting a single x-amz-checksum- header");
        }
        return named.stream().findFirst();
    }

    /** A non-negative decimal, or -1 if it is not one. */
    private static long parseLength(String s) {
        String v = s.strip();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(v);
    }

    private static SigV4Exception invalidRequest(String message) {
        return SigV4Exception.of(SigV4Error.INVALID_REQUEST, message);
    }
}
