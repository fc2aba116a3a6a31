package dev.coffer.sigv4;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.internal.BodyPlan;
import dev.coffer.sigv4.internal.CanonicalRequest;
import dev.coffer.sigv4.internal.PayloadClaim;
import dev.coffer.sigv4.internal.QueryParam;
import dev.coffer.sigv4.internal.SignatureClaim;
import dev.coffer.sigv4.internal.SigningKeyCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 the way S3, KMS and STS do: the Authorization header or a presigned URL,
 * the canonical request, the time, the credential, the session token. Thread-safe; one per server.
 *
 * <p>Two entry points, by how the service signs its body:
 * <ul>
 *   <li>{@link #verify(RequestParts)} for S3: the body hash is declared in {@code x-amz-content-sha256}
 *       (or is {@code UNSIGNED-PAYLOAD} on a presigned URL), so the signature is checked before the body is
 *       read, and {@link VerifiedRequest#openBody} then checks the body as it streams;
 *   <li>{@link #verify(RequestParts, byte[])} for KMS, STS, IAM: the signature covers the SHA-256 of a small
 *       body that is not declared, so the server reads the body first (with its own size limit) and
 *       verification hashes it.
 * </ul>
 * {@link #claimedScope} tells which applies before the body is touched (the scope names the service).
 */
public final class SigV4Verifier<P> {
    private final CredentialLookup<P> credentials;
    private final InstantSource clock;
    private final Duration maxSkew;
    private final SigningKeyCache signingKeys;

    private SigV4Verifier(Builder<P> b) {
        this.credentials = b.credentials;
        this.clock = b.clock;
        this.maxSkew = b.maxSkew;
        this.signingKeys = new SigningKeyCache(b.signingKeyCacheSize);
    }

    public static <P> Builder<P> builder(CredentialLookup<P> credentials) {
        return new Builder<>(credentials);
    }

    /** True if the request carries SigV4 (or other AWS) credentials; false for an anonymous request. */
    public static boolean isSigned(RequestParts request) {
        return SignatureClaim.carriesCredentials(request);
    }

    /**
     * The scope the request claims, without verifying anything: for routing by service before deciding how to
     * read the body. Empty for an anonymous request.
     *
     * @throws SigV4Exception if the credentials are malformed
     */
    public static Optional<CredentialScope> claimedScope(RequestParts request) {
        return SignatureClaim.parse(request).map(SignatureClaim::scope);
    }

    /**
     * Verifies a request whose body will be read later through {@link VerifiedRequest#openBody}.
     *
     * @throws SigV4Exception with {@link SigV4Error#MISSING_SECURITY_HEADER} for an anonymous request, or
     *                        whatever is wrong with a signed one
     */
    public VerifiedRequest<P> verify(RequestParts request) {
        Objects.requireNonNull(request, "request");
        SignatureClaim claim = claimOf(request);
        return verify(request, claim, PayloadClaim.declared(claim, request.headers()));
    }

    /**
     * Verifies a request whose whole body the server has already read; for services that sign the body's
     * SHA-256 without sending it (KMS, STS, IAM). A declared {@code x-amz-content-sha256} must match the body.
     */
    public VerifiedRequest<P> verify(RequestParts request, byte[] body) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(body, "body");
        SignatureClaim claim = claimOf(request);
        boolean s3Rules = CanonicalRequest.usesS3PathRules(claim.scope().service());
        return verify(request, claim, PayloadClaim.forBufferedBody(claim, request.headers(), body, s3Rules));
    }

    private SignatureClaim claimOf(RequestParts request) {
        SignatureClaim claim = SignatureClaim.parse(request)
                .orElseThrow(() -> SigV4Exception.of(SigV4Error.MISSING_SECURITY_HEADER));
        checkTime(claim);
        checkSignedHeaders(claim, request.headers());
        return claim;
    }

    private VerifiedRequest<P> verify(RequestParts request, SignatureClaim claim, List<PayloadClaim> payloads) {
        Credential<P> credential = credentials.find(claim.accessKeyId()).orElseThrow(() ->
                SigV4Exception.of(SigV4Error.INVALID_ACCESS_KEY_ID, SigV4Error.INVALID_ACCESS_KEY_ID.message(),
                        "AWSAccessKeyId", claim.accessKeyId()));
        Secret signingKey = signingKeys.signingKey(claim.accessKeyId(), credential.secretAccessKey(), claim.scope());

        String canonicalUri = CanonicalRequest.canonicalUri(request.rawPath(), claim.scope().service());
        String canonicalQuery = QueryParam.canonical(claim.query(), claim.location() == AuthLocation.QUERY);
        byte[] provided = claim.signature().getBytes(StandardCharsets.US_ASCII);
        PayloadClaim matched = null;
        String firstStringToSign = null;
        for (PayloadClaim payload : payloads) {
            String canonical = CanonicalRequest.build(request.method(), canonicalUri, canonicalQuery,
                    request.headers(), claim.signedHeaders(), claim.signedHeadersRaw(), payload.canonicalHash());
            String stringToSign = CanonicalRequest.stringToSign(claim.amzDate(), claim.scope(), canonical);
            if (MessageDigest.isEqual(SigningKeyCache.signatureHex(signingKey, stringToSign), provided)) {
                matched = payload;
                break;
            }
            if (firstStringToSign == null) {
                firstStringToSign = stringToSign;
            }
        }
        if (matched == null) {
            // S3's details help a client find its canonicalisation bug. They may be logged, so the canonical
            // request shown has the values of secret-bearing headers (SSE-C keys, tokens) blanked out.
            String shown = CanonicalRequest.build(request.method(), canonicalUri,
                    QueryParam.redact(canonicalQuery), CanonicalRequest.redacted(request.headers()),
                    claim.signedHeaders(), claim.signedHeadersRaw(), payloads.getFirst().canonicalHash());
            throw SigV4Exception.of(SigV4Error.SIGNATURE_DOES_NOT_MATCH, SigV4Error.SIGNATURE_DOES_NOT_MATCH.message(),
                    "AWSAccessKeyId", claim.accessKeyId(),
                    "StringToSign", firstStringToSign,
                    "SignatureProvided", claim.signature(),
                    "CanonicalRequest", shown);
        }
        checkToken(claim, credential);
        BodyPlan body = BodyPlan.parse(matched, request.headers(), new BodyPlan.ChunkSigning(
                signingKey, claim.amzDate(), claim.scope().asString(), claim.signature()));
        return new VerifiedRequest<>(claim.accessKeyId(), credential.principal(), claim.scope(), claim.signedAt(),
                claim.location(), claim.expires().map(e -> claim.signedAt().plus(e)), body);
    }

    private void checkTime(SignatureClaim claim) {
        Instant now = clock.instant();
        Instant signedAt = claim.signedAt();
        String serverTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (claim.location() == AuthLocation.HEADER) {
            if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
                throw SigV4Exception.of(SigV4Error.REQUEST_TIME_TOO_SKEWED,
                        SigV4Error.REQUEST_TIME_TOO_SKEWED.message(),
                        "RequestTime", claim.amzDate(),
                        "ServerTime", serverTime,
                        "MaxAllowedSkewMilliseconds", Long.toString(maxSkew.toMillis()));
            }
            return;
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw SigV4Exception.of(SigV4Error.ACCESS_DENIED_NOT_YET_VALID);
        }
        Duration expires = claim.expires().orElseThrow();
        Instant expiresAt = signedAt.plus(expires);
        if (now.isAfter(expiresAt)) {
            throw SigV4Exception.of(SigV4Error.ACCESS_DENIED_EXPIRED, SigV4Error.ACCESS_DENIED_EXPIRED.message(),
                    "X-Amz-Expires", Long.toString(expires.toSeconds()),
                    "Expires", expiresAt.toString(),
                    "ServerTime", serverTime);
        }
    }

    /**
     * {@code host} must be signed, and for S3 so must every {@code x-amz-*} header present: unsigned, one could
     * be added to a captured request (an ACL, an encryption setting, a copy source) without breaking it.
     */
    private static void checkSignedHeaders(SignatureClaim claim, Headers headers) {
        if (!containsIgnoreCase(claim.signedHeaders(), "host")) {
            throw notSigned(List.of("host"));
        }
        if (!CanonicalRequest.usesS3PathRules(claim.scope().service())) {
            return;
        }
        List<String> unsigned = new ArrayList<>(0);
        for (String name : headers.names()) {
            if (name.startsWith("x-amz-") && !containsIgnoreCase(claim.signedHeaders(), name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw notSigned(unsigned);
        }
    }

    private static SigV4Exception notSigned(List<String> names) {
        return SigV4Exception.of(SigV4Error.HEADERS_NOT_SIGNED, SigV4Error.HEADERS_NOT_SIGNED.message(),
                "HeadersNotSigned", String.join(", ", names));
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** After the signature: a temporary key needs its own token, a long-term key none, and neither may be stale. */
    private void checkToken(SignatureClaim claim, Credential<P> credential) {
        Optional<String> expected = credential.sessionToken();
        Optional<String> given = claim.securityToken();
        if (expected.isPresent() != given.isPresent()
                || (expected.isPresent() && !MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.UTF_8), given.get().getBytes(StandardCharsets.UTF_8)))) {
            throw SigV4Exception.of(SigV4Error.INVALID_TOKEN);
        }
        if (credential.expiration().isPresent() && !clock.instant().isBefore(credential.expiration().get())) {
            throw SigV4Exception.of(SigV4Error.EXPIRED_TOKEN);
        }
    }

    /** Configuration of a verifier; not thread-safe. */
    public static final class Builder<P> {
        private final CredentialLookup<P> credentials;
        private InstantSource clock;
        private Duration maxSkew = Duration.ofMinutes(15);
        private int signingKeyCacheSize = 4096;

        private Builder(CredentialLookup<P> credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /** Required: where "now" comes from (skew, expiry). */
        public Builder<P> clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far a header-signed request's time may be from now; AWS allows 15 minutes. */
        public Builder<P> maxSkew(Duration maxSkew) {
            this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
            return this;
        }

        /** How many (access key, day, region, service) signing keys to keep. */
        public Builder<P> signingKeyCacheSize(int entries) {
            this.signingKeyCacheSize = entries;
            return this;
        }

        public SigV4Verifier<P> build() {
            if (clock == null) {
                throw new IllegalStateException("a clock is required");
            }
            if (maxSkew.isNegative()) {
                throw new IllegalStateException("maxSkew must not be negative");
            }
            if (signingKeyCacheSize < 1) {
                throw new IllegalStateException("signingKeyCacheSize must be positive");
            }
            return new SigV4Verifier<>(this);
        }
    }
}
