package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.AuthLocation;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.PayloadMode;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The payload line of the canonical request and what it promises about the body.
 *
 * @param canonicalHash  the last line of the canonical request
 * @param expectedSha256 {@link PayloadMode#SHA256} only: the digest the body must have at its end
 */
public record PayloadClaim(PayloadMode mode, String canonicalHash, Optional<byte[]> expectedSha256) {
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String QUERY_CONTENT_SHA256 = "X-Amz-Content-Sha256";

    /**
     * What the request declares, for a body read later: {@code x-amz-content-sha256} (required with the
     * Authorization header, as S3 requires it); on presigned URLs that header or {@code X-Amz-Content-Sha256}
     * in the query, else {@code UNSIGNED-PAYLOAD} (or the hash of an empty body). Candidates, most likely first.
     */
    public static List<PayloadClaim> declared(SignatureClaim claim, Headers headers) {
        Optional<String> value = declaredValue(claim, headers);
        if (value.isEmpty()) {
            if (claim.location() == AuthLocation.QUERY) {
                // S3's presigners sign UNSIGNED-PAYLOAD; generic ones sign the hash of an empty body, which is
                // then checked like any declared hash, so accepting it gives nothing away.
                return List.of(new PayloadClaim(PayloadMode.UNSIGNED, UNSIGNED_PAYLOAD, Optional.empty()),
                        new PayloadClaim(PayloadMode.SHA256, Crypto.EMPTY_SHA256,
                                Optional.of(Crypto.sha256(new byte[0]))));
            }
            throw SigV4Exception.of(SigV4Error.MISSING_CONTENT_SHA256);
        }
        return List.of(parse(value.get(), claim.location()));
    }

    /**
     * The payload lines a buffered body may have been signed with, most likely first. KMS, STS and IAM
     * sign the body's SHA-256 without declaring it; a declared hex hash must match the body; a presigned
     * URL may use either the body's hash or {@code UNSIGNED-PAYLOAD}, the latter only where it gives nothing
     * away (S3 rules, or an empty body).
     */
    public static List<PayloadClaim> forBufferedBody(SignatureClaim claim, Headers headers, byte[] body,
            boolean s3Rules) {
        byte[] actual = Crypto.sha256(body);
        String actualHex = Hex.encode(actual);
        boolean unsignedAllowed = s3Rules || body.length == 0;
        Optional<String> value = declaredValue(claim, headers);
        if (value.isPresent()) {
            PayloadClaim declared = parse(value.get(), claim.location());
            if (declared.mode() == PayloadMode.SHA256) {
                if (!MessageDigest.isEqual(declared.expectedSha256().orElseThrow(), actual)) {
                    throw sha256Mismatch(value.get(), actualHex);
                }
                return List.of(new PayloadClaim(PayloadMode.BUFFERED, value.get(), Optional.empty()));
            }
            if (declared.mode() == PayloadMode.UNSIGNED && unsignedAllowed) {
                return List.of(declared);
            }
            throw SigV4Exception.of(SigV4Error.INVALID_CONTENT_SHA256);
        }
        PayloadClaim hashed = new PayloadClaim(PayloadMode.BUFFERED, actualHex, Optional.empty());
        if (claim.location() == AuthLocation.QUERY && unsignedAllowed) {
            return List.of(hashed, new PayloadClaim(PayloadMode.UNSIGNED, UNSIGNED_PAYLOAD, Optional.empty()));
        }
        return List.of(hashed);
    }

    public static SigV4Exception sha256Mismatch(String clientHex, String computedHex) {
        return SigV4Exception.of(SigV4Error.X_AMZ_CONTENT_SHA256_MISMATCH,
                SigV4Error.X_AMZ_CONTENT_SHA256_MISMATCH.message(),
                "ClientComputedContentSHA256", clientHex,
                "S3ComputedContentSHA256", computedHex);
    }

    private static Optional<String> declaredValue(SignatureClaim claim, Headers headers) {
        Optional<String> header = headers.first("x-amz-content-sha256").map(String::strip);
        if (claim.location() == AuthLocation.QUERY) {
            return header.or(() -> QueryParam.first(claim.query(), QUERY_CONTENT_SHA256));
        }
        return header;
    }

    private static PayloadClaim parse(String value, AuthLocation location) {
        Optional<PayloadMode> keyword = PayloadMode.fromWireValue(value);
        if (keyword.isPresent()) {
            // A presigned URL has no seed signature a client could have chained chunk signatures from.
            if (keyword.get().isChunked() && location == AuthLocation.QUERY) {
                throw SigV4Exception.of(SigV4Error.INVALID_CONTENT_SHA256);
            }
            return new PayloadClaim(keyword.get(), value, Optional.empty());
        }
        byte[] digest = value.length() == 64 ? Hex.decode(value) : null;
        if (digest == null) {
            throw SigV4Exception.of(SigV4Error.INVALID_CONTENT_SHA256);
        }
        return new PayloadClaim(PayloadMode.SHA256, value, Optional.of(digest));
    }
}
