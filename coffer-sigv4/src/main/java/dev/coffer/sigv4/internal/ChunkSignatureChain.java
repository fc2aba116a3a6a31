package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * The rolling signatures of an aws-chunked body. Each chunk's string to sign names the previous signature
 * (the request's own signature for the first chunk), so chunks can be neither reordered, dropped nor
 * spliced from another upload:
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD \n timestamp \n scope \n previous-signature \n hex(sha256("")) \n hex(sha256(chunk))
 * AWS4-HMAC-SHA256-TRAILER \n timestamp \n scope \n previous-signature \n hex(sha256(canonical trailers))
 * </pre>
 * One Mac and fixed buffers per body: verifying a chunk allocates nothing.
 */
final class ChunkSignatureChain {
    private static final byte[] EMPTY_HASH_LINE =
            ("\n" + Crypto.EMPTY_SHA256 + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};

    private final Mac mac;
    private final byte[] chunkPrefix;
    private final byte[] trailerPrefix;
    private final byte[] previous = new byte[64];
    private final byte[] hashHex = new byte[64];
    private final byte[] macOut = new byte[32];
    private final byte[] expected = new byte[64];

    ChunkSignatureChain(BodyPlan.ChunkSigning signing) {
        this.mac = Crypto.hmac(signing.signingKey().revealBytes());
        String common = "\n" + signing.amzDate() + "\n" + signing.scope() + "\n";
        this.chunkPrefix = ("AWS4-HMAC-SHA256-PAYLOAD" + common).getBytes(StandardCharsets.US_ASCII);
        this.trailerPrefix = ("AWS4-HMAC-SHA256-TRAILER" + common).getBytes(StandardCharsets.US_ASCII);
        byte[] seed = signing.seedSignature().getBytes(StandardCharsets.US_ASCII);
        if (seed.length != 64) {
            throw new IllegalStateException("the seed is a verified signature, 64 hex digits");
        }
        System.arraycopy(seed, 0, previous, 0, 64);
    }

    /** Checks the signature of a chunk whose data hashed to {@code dataSha256}; {@code provided} is 64 ASCII bytes. */
    void verifyChunk(byte[] dataSha256, byte[] provided) {
        mac.update(chunkPrefix);
        mac.update(previous);
        mac.update(EMPTY_HASH_LINE);
        Hex.encodeTo(dataSha256, 32, hashHex);
        mac.update(hashHex);
        finishAndCompare(provided);
    }

    /** Checks the trailer signature over the hash of the canonical trailers. */
    void verifyTrailer(byte[] trailersSha256, byte[] provided) {
        mac.update(trailerPrefix);
        mac.update(previous);
        mac.update(NEWLINE);
        Hex.encodeTo(trailersSha256, 32, hashHex);
        mac.update(hashHex);
        finishAndCompare(provided);
    }

    private void finishAndCompare(byte[] provided) {
        try {
            mac.doFinal(macOut, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("macOut holds a SHA-256 MAC", e);
        }
        Hex.encodeTo(macOut, 32, expected);
        if (!MessageDigest.isEqual(expected, provided)) {
            throw SigV4Exception.of(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
        }
        System.arraycopy(provided, 0, previous, 0, 64);
    }
}
