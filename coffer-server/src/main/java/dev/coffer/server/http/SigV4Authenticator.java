package dev.coffer.server.http;

import dev.coffer.iam.AccessKey;
import dev.coffer.iam.AccessKeys;
import dev.coffer.iam.Principal;
import dev.coffer.sigv4.AuthLocation;
import dev.coffer.sigv4.Credential;
import dev.coffer.sigv4.RequestParts;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import dev.coffer.sigv4.SigV4Verifier;
import dev.coffer.sigv4.VerifiedRequest;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;

/**
 * SigV4 for every protocol. S3 bodies stream through a verifying decoder (they may be gigabytes); the
 * JSON and Query protocols sign small bodies whose hash the verifier computes, so those are read first,
 * with a hard size limit.
 */
public final class SigV4Authenticator implements Authenticator {
    /** Larger than any KMS, STS or IAM request; bounds what an unauthenticated client can make us buffer. */
    static final int MAX_BUFFERED_BODY_BYTES = 1024 * 1024;

    private final SigV4Verifier<Principal> verifier;
    private final String region;

    public SigV4Authenticator(AccessKeys accessKeys, String region, InstantSource clock) {
        Objects.requireNonNull(accessKeys, "accessKeys");
        this.region = Objects.requireNonNull(region, "region");
        this.verifier = SigV4Verifier.<Principal>builder(id -> accessKeys.find(id)
                        .filter(AccessKey::active)
                        .map(k -> Credential.longTerm(k.accessKeyId(), k.secretAccessKey(), k.principal())))
                .clock(clock)
                .build();
    }

    @Override
    public Authenticated authenticate(HttpRequestParts request, Protocol protocol) throws IOException {
        RequestParts parts = new RequestParts(request.method(), request.rawPath(), request.rawQuery(),
                request.headers());
        if (!SigV4Verifier.isSigned(parts)) {
            throw SigV4Exception.of(SigV4Error.MISSING_SECURITY_HEADER);
        }
        if (protocol == Protocol.S3) {
            VerifiedRequest<Principal> verified = verifier.verify(parts);
            checkRegion(verified);
            // S3 keeps a checksum of every object: CRC64NVME when the client declared none.
            Set<ChecksumAlgorithm> alsoCompute = request.method().equals("PUT") && verified.checksumAlgorithm().isEmpty()
                    ? Set.of(ChecksumAlgorithm.CRC64NVME) : Set.of();
            return new Authenticated(verified.principal(), verified.openBody(request.rawBody(), alsoCompute));
        }
        byte[] body = request.rawBody().readNBytes(MAX_BUFFERED_BODY_BYTES + 1);
        if (body.length > MAX_BUFFERED_BODY_BYTES) {
            throw SigV4Exception.of(SigV4Error.INVALID_ARGUMENT, "The request body is too large.");
        }
        VerifiedRequest<Principal> verified = verifier.verify(parts, body);
        checkRegion(verified);
        return new Authenticated(verified.principal(), new ByteArrayInputStream(body));
    }

    private void checkRegion(VerifiedRequest<Principal> verified) {
        if (verified.region().equals(region)) {
            return;
        }
        if (verified.authLocation() == AuthLocation.QUERY) {
            throw SigV4Exception.of(SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "Error parsing the X-Amz-Credential parameter; the region '" + verified.region()
                            + "' is wrong; expecting '" + region + "'", "Region", region);
        }
        throw SigV4Exception.wrongRegion(verified.region(), region);
    }
}
