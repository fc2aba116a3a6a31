package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.PayloadMode;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * A body sent as it is (not aws-chunked): bytes pass straight through, hashed on the way when
 * {@code x-amz-content-sha256} named their SHA-256, and checked at the end.
 */
public final class PlainBody extends CheckedBody {
    private final MessageDigest sha256;
    private long read;

    public PlainBody(InputStream raw, BodyPlan plan, Set<ChecksumAlgorithm> alsoCompute) {
        super(raw, plan, alsoCompute);
        this.sha256 = plan.mode() == PayloadMode.SHA256 ? Crypto.sha256() : null;
    }

    @Override
    protected int readDecoded(byte[] b, int off, int len) throws IOException {
        int n = readRaw(b, off, len);
        if (n < 0) {
            if (plan.contentLength() >= 0 && read < plan.contentLength()) {
                throw incomplete();
            }
            if (sha256 != null) {
                byte[] actual = sha256.digest();
                if (!MessageDigest.isEqual(actual, plan.payload().expectedSha256().orElseThrow())) {
                    throw PayloadClaim.sha256Mismatch(plan.payload().canonicalHash(), Hex.encode(actual));
                }
            }
            finish(Optional.empty());
            return -1;
        }
        if (sha256 != null) {
            sha256.update(b, off, n);
        }
        read += n;
        payload(b, off, n);
        return n;
    }
}
