package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an aws-chunked body as it streams:
 * <pre>
 * hex-size[;chunk-signature=64hex] CRLF  data CRLF      (repeated)
 * 0[;chunk-signature=64hex] CRLF                        (the final, empty chunk)
 * name:value CRLF …  [x-amz-trailer-signature:64hex CRLF]   (-TRAILER modes)
 * CRLF
 * </pre>
 * Chunk data is never held whole: it goes from a 64 KiB read buffer (or straight from the socket when the
 * buffer is empty) into the caller's array, hashed on the way; a chunk's signature is checked as soon as
 * its last byte has been read. Lines are bounded (a size line at 256 bytes, trailers at 1 KiB and 16 lines),
 * so a hostile body cannot make the decoder buffer anything. Leniencies, each harmless: chunk extensions of
 * unsigned chunks are ignored, and the last CRLF may be missing, as some encoders omit it.
 */
public final class AwsChunkedBody extends CheckedBody {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_SIZE_LINE = 256;
    private static final int MAX_TRAILER_LINE = 1024;
    private static final int MAX_TRAILER_LINES = 16;
    /** S3's rule for signed chunks: all but the last are at least 8 KiB. */
    private static final int MIN_SIGNED_CHUNK = 8192;
    private static final byte[] SIGNATURE_EXTENSION = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SHA256 = Crypto.sha256(new byte[0]);
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int lim;

    private final ChunkSignatureChain chain;
    private final MessageDigest chunkDigest;
    private final byte[] chunkHash = new byte[32];
    private final byte[] pendingSignature = new byte[64];

    private boolean inData;
    private long chunkRemaining;
    private long previousChunkSize = -1;
    private long decoded;

    public AwsChunkedBody(InputStream raw, BodyPlan plan, Set<ChecksumAlgorithm> alsoCompute) {
        super(raw, plan, alsoCompute);
        this.chain = plan.chunkSigning().map(ChunkSignatureChain::new).orElse(null);
        this.chunkDigest = chain == null ? null : Crypto.sha256();
    }

    @Override
    protected int readDecoded(byte[] b, int off, int len) throws IOException {
        while (!inData) {
            if (!startChunk()) {
                finishBody();
                return -1;
            }
        }
        int want = (int) Math.min(len, chunkRemaining);
        int n;
        if (pos < lim) {
            n = Math.min(want, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
        } else {
            n = readRaw(b, off, want);
            if (n < 0) {
                throw incomplete();
            }
        }
        if (chunkDigest != null) {
            chunkDigest.update(b, off, n);
        }
        payload(b, off, n);
        decoded += n;
        chunkRemaining -= n;
        if (chunkRemaining == 0) {
            endChunk();
        }
        return n;
    }

    /** Reads a size line; false for the final, empty chunk (whose signature it has checked). */
    private boolean startChunk() throws IOException {
        int end = lineEnd(MAX_SIZE_LINE, SigV4Error.MALFORMED_CHUNKED_BODY);
        if (end < 0) {
            throw incomplete();
        }
        int i = pos;
        long size = 0;
        int digits = 0;
        while (i < end && buf[i] != ';') {
            int d = Character.digit(buf[i], 16);
            if (d < 0 || ++digits > 16) {
                throw malformed();
            }
            size = (size << 4) | d;
            i++;
        }
        if (digits == 0 || size < 0) {
            throw malformed();
        }
        if (chain != null) {
            if (end - i != SIGNATURE_EXTENSION.length + 64
                    || !Arrays.equals(buf, i, i + SIGNATURE_EXTENSION.length,
                            SIGNATURE_EXTENSION, 0, SIGNATURE_EXTENSION.length)) {
                throw malformed();
            }
            System.arraycopy(buf, i + SIGNATURE_EXTENSION.length, pendingSignature, 0, 64);
            if (size > 0 && previousChunkSize >= 0 && previousChunkSize < MIN_SIGNED_CHUNK) {
                throw SigV4Exception.of(SigV4Error.INVALID_CHUNK_SIZE);
            }
        }
        pos = end + 2;
        long expected = plan.decodedContentLength();
        if (expected >= 0 && size > expected - decoded) {
            throw SigV4Exception.of(SigV4Error.MALFORMED_CHUNKED_BODY,
                    "The chunks hold more data than x-amz-decoded-content-length says.");
        }
        if (size == 0) {
            if (chain != null) {
                chain.verifyChunk(EMPTY_SHA256, pendingSignature);
            }
            return false;
        }
        previousChunkSize = size;
        chunkRemaining = size;
        inData = true;
        return true;
    }

    /** After a chunk's data: its CRLF, then its signature. */
    private void endChunk() throws IOException {
        if (!ensure(2)) {
            throw incomplete();
        }
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw malformed();
        }
        pos += 2;
        if (chain != null) {
            try {
                chunkDigest.digest(chunkHash, 0, 32);
            } catch (DigestException e) {
                throw new IllegalStateException("chunkHash holds a SHA-256", e);
            }
            chain.verifyChunk(chunkHash, pendingSignature);
        }
        inData = false;
    }

    private void finishBody() throws IOException {
        Optional<BodyPlan.ExpectedChecksum> trailerChecksum = Optional.empty();
        if (plan.mode().hasTrailer()) {
            trailerChecksum = readTrailers();
        } else if (ensure(2)) {
            if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
                throw malformed();
            }
            pos += 2;
        }
        if (pos < lim || raw.read() >= 0) {
            throw SigV4Exception.of(SigV4Error.MALFORMED_CHUNKED_BODY,
                    "The request body continues after the end of the aws-chunked data.");
        }
        if (plan.decodedContentLength() >= 0 && decoded != plan.decodedContentLength()) {
            throw incomplete();
        }
        finish(trailerChecksum);
    }

    private Optional<BodyPlan.ExpectedChecksum> readTrailers() throws IOException {
        Optional<ChecksumAlgorithm> announced = plan.trailer();
        String value = null;
        String signature = null;
        for (int lines = 0; ; lines++) {
            int end = lineEnd(MAX_TRAILER_LINE, SigV4Error.MALFORMED_TRAILER);
            if (end < 0) {
                if (pos == lim) {
                    break; // the closing CRLF is missing: tolerated
                }
                throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
            }
            if (end == pos) {
                pos += 2;
                break;
            }
            if (lines == MAX_TRAILER_LINES) {
                throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
            }
            String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = end + 2;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String v = line.substring(colon + 1).strip();
            if (chain != null && name.equals(TRAILER_SIGNATURE) && signature == null) {
                signature = v;
            } else if (announced.isPresent() && name.equals(announced.get().headerName()) && value == null) {
                value = v;
            } else {
                throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
            }
        }
        if (announced.isPresent() && value == null) {
            throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
        }
        if (chain != null) {
            if (signature == null) {
                throw SigV4Exception.of(SigV4Error.MALFORMED_TRAILER);
            }
            // The canonical trailers: name:value\n per trailer, sorted by name; here at most one checksum.
            String canonical = announced.map(a -> a.headerName() + ":").orElse("")
                    + (value == null ? "" : value + "\n");
            chain.verifyTrailer(Crypto.sha256(canonical.getBytes(StandardCharsets.UTF_8)),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (announced.isEmpty()) {
            return Optional.empty();
        }
        ChecksumAlgorithm a = announced.get();
        byte[] digest = a.decode(value).orElseThrow(() -> SigV4Exception.of(SigV4Error.INVALID_REQUEST,
                "Value for " + a.headerName() + " trailing header is invalid."));
        return Optional.of(new BodyPlan.ExpectedChecksum(a, digest));
    }

    /**
     * The index of the CR ending the line that starts at {@code pos}, reading more as needed; -1 at the
     * end of the stream. A line longer than {@code max}, or a LF without CR, fails with {@code error}.
     */
    private int lineEnd(int max, SigV4Error error) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < lim; i++) {
                if (buf[i] == '\n') {
                    if (i == pos || buf[i - 1] != '\r' || i - 1 - pos > max) {
                        throw SigV4Exception.of(error);
                    }
                    return i - 1;
                }
            }
            scanned = lim - pos;
            if (scanned > max + 1) {
                throw SigV4Exception.of(error);
            }
            if (!fill()) {
                return -1;
            }
        }
    }

    /** Makes at least {@code n} bytes available; false if the stream ends first. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more into the buffer, moving what is left to its start when the end is reached. */
    private boolean fill() throws IOException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        } else if (lim == buf.length) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        int n = readRaw(buf, lim, buf.length - lim);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private static SigV4Exception malformed() {
        return SigV4Exception.of(SigV4Error.MALFORMED_CHUNKED_BODY);
    }
}
