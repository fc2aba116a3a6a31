package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import dev.coffer.sigv4.VerifiedBody;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What both body decoders share: the checksums over the decoded payload, Content-MD5, the end-of-body
 * checks, and failing closed. Subclasses decode; this class counts, hashes and judges.
 */
abstract class CheckedBody extends VerifiedBody {
    protected final InputStream raw;
    protected final BodyPlan plan;
    private final ChecksumSet checksums;
    private final MessageDigest md5;
    private long length;
    private SigV4Exception failure;
    private IOException ioFailure;
    private Map<ChecksumAlgorithm, String> results;

    CheckedBody(InputStream raw, BodyPlan plan, Set<ChecksumAlgorithm> alsoCompute) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.plan = plan;
        Set<ChecksumAlgorithm> all = EnumSet.noneOf(ChecksumAlgorithm.class);
        all.addAll(alsoCompute);
        plan.declaredChecksum().ifPresent(all::add);
        this.checksums = new ChecksumSet(all);
        this.md5 = plan.contentMd5().isPresent() ? Crypto.md5() : null;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (ioFailure != null) {
            throw ioFailure;
        }
        if (results != null) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            return readDecoded(b, off, len);
        } catch (SigV4Exception e) {
            failure = e;
            throw e;
        } catch (IOException e) {
            ioFailure = e;
            throw e;
        }
    }

    /** Reads decoded bytes, calling {@link #payload} for each; at the end calls {@link #finish} and returns -1. */
    protected abstract int readDecoded(byte[] b, int off, int len) throws IOException;

    /** Accounts for decoded payload bytes just placed in {@code b}. */
    protected final void payload(byte[] b, int off, int n) {
        checksums.update(b, off, n);
        if (md5 != null) {
            md5.update(b, off, n);
        }
        length += n;
    }

    /** The end-of-body checks; {@code trailerChecksum} is the value an aws-chunked trailer carried. */
    protected final void finish(Optional<BodyPlan.ExpectedChecksum> trailerChecksum) {
        Map<ChecksumAlgorithm, byte[]> computed = checksums.finish();
        if (md5 != null && !MessageDigest.isEqual(md5.digest(), plan.contentMd5().orElseThrow())) {
            throw SigV4Exception.of(SigV4Error.BAD_DIGEST);
        }
        Optional<BodyPlan.ExpectedChecksum> expected = plan.headerChecksum().or(() -> trailerChecksum);
        if (expected.isPresent()) {
            ChecksumAlgorithm a = expected.get().algorithm();
            if (!MessageDigest.isEqual(computed.get(a), expected.get().digest())) {
                throw SigV4Exception.of(SigV4Error.BAD_DIGEST,
                        "The " + a.algorithmName() + " you specified did not match the calculated checksum.");
            }
        }
        Map<ChecksumAlgorithm, String> encoded = new EnumMap<>(ChecksumAlgorithm.class);
        computed.forEach((a, d) -> encoded.put(a, ChecksumAlgorithm.encode(d)));
        results = Collections.unmodifiableMap(encoded);
    }

    @Override
    public final Optional<byte[]> contentMd5() {
        return plan.contentMd5().map(byte[]::clone);
    }

    @Override
    public final Map<ChecksumAlgorithm, String> checksums() {
        if (results == null) {
            throw new IllegalStateException("the body has not been read to its end");
        }
        return results;
    }

    @Override
    public final long length() {
        return length;
    }

    @Override
    public final boolean isComplete() {
        return results != null;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** Reads from the underlying stream, never returning 0 for a non-empty request. */
    protected final int readRaw(byte[] b, int off, int len) throws IOException {
        int n;
        do {
            n = raw.read(b, off, len);
        } while (n == 0);
        return n;
    }

    protected static SigV4Exception incomplete() {
        return SigV4Exception.of(SigV4Error.INCOMPLETE_BODY);
    }
}
