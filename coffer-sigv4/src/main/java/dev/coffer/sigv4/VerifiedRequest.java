package dev.coffer.sigv4;

import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import dev.coffer.sigv4.internal.AwsChunkedBody;
import dev.coffer.sigv4.internal.BodyPlan;
import dev.coffer.sigv4.internal.PlainBody;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request whose signature verified: who signed it, for which scope, and how its body must be read.
 * Immutable. It holds the derived signing key for chunk signatures, so it is not a record (no accessor,
 * no {@code toString} shows it); keep it no longer than the request.
 */
public final class VerifiedRequest<P> {
    private final String accessKeyId;
    private final P principal;
    private final CredentialScope scope;
    private final Instant signedAt;
    private final AuthLocation authLocation;
    private final Optional<Instant> expiresAt;
    private final BodyPlan body;

    VerifiedRequest(String accessKeyId, P principal, CredentialScope scope, Instant signedAt,
            AuthLocation authLocation, Optional<Instant> expiresAt, BodyPlan body) {
        this.accessKeyId = accessKeyId;
        this.principal = principal;
        this.scope = scope;
        this.signedAt = signedAt;
        this.authLocation = authLocation;
        this.expiresAt = expiresAt;
        this.body = body;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** The handle the {@link CredentialLookup} returned for the access key. */
    public P principal() {
        return principal;
    }

    public CredentialScope scope() {
        return scope;
    }

    public String region() {
        return scope.region();
    }

    public String service() {
        return scope.service();
    }

    /** The time the client signed at (X-Amz-Date or Date). */
    public Instant signedAt() {
        return signedAt;
    }

    public AuthLocation authLocation() {
        return authLocation;
    }

    /** Presigned URLs: when the URL stops working. */
    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    public PayloadMode payloadMode() {
        return body.mode();
    }

    /** aws-chunked bodies: {@code x-amz-decoded-content-length}, the size of the object being sent. */
    public OptionalLong decodedContentLength() {
        return body.decodedContentLength() >= 0 ? OptionalLong.of(body.decodedContentLength()) : OptionalLong.empty();
    }

    /** The checksum the client sent or announced ({@code x-amz-checksum-*} header or {@code x-amz-trailer}). */
    public Optional<ChecksumAlgorithm> checksumAlgorithm() {
        return body.declaredChecksum();
    }

    /** The body, decoded and verified as it is read; see {@link VerifiedBody} for what "verified" waits for. */
    public VerifiedBody openBody(InputStream raw) {
        return openBody(raw, Set.of());
    }

    /**
     * The body, also computing {@code alsoCompute} (for example {@link ChecksumAlgorithm#CRC64NVME}, which
     * S3 stores for every object) alongside the declared checksum.
     */
    public VerifiedBody openBody(InputStream raw, Set<ChecksumAlgorithm> alsoCompute) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(alsoCompute, "alsoCompute");
        return body.mode().isChunked()
                ? new AwsChunkedBody(raw, body, alsoCompute)
                : new PlainBody(raw, body, alsoCompute);
    }

    /**
     * The Content-Encoding to store for an object: the header without its {@code aws-chunked} coding,
     * which only describes the transfer (S3 does the same); empty if nothing is left.
     */
    public static Optional<String> storedContentEncoding(String contentEncoding) {
        String kept = Arrays.stream(contentEncoding.split(","))
                .map(String::strip)
                .filter(c -> !c.isEmpty() && !c.toLowerCase(Locale.ROOT).equals("aws-chunked"))
                .collect(Collectors.joining(","));
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
    }

    @Override
    public String toString() {
        return "VerifiedRequest[accessKeyId=" + accessKeyId + ", principal=" + principal + ", scope="
                + scope.asString() + ", signedAt=" + signedAt + ", authLocation=" + authLocation
                + ", payloadMode=" + body.mode() + "]";
    }
}
