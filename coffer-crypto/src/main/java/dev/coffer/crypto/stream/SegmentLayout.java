package dev.coffer.crypto.stream;

/**
 * Where the bytes of a segmented ciphertext lie: pure arithmetic, no I/O, no keys.
 *
 * <p>The ciphertext is a header of {@code headerLength} bytes followed by segments. Every segment but the
 * last is {@code ciphertextSegmentSize} bytes long and carries {@code ciphertextSegmentSize - tagLength}
 * plaintext bytes, except segment 0, which shares its space with the header and so carries
 * {@code headerLength} fewer. The last segment carries what is left (possibly nothing, for an empty
 * plaintext, but never nothing otherwise: a plaintext that ends exactly on a segment boundary ends with a full
 * last segment). Think of it as the header followed by the plaintext, cut into pieces of
 * {@code plaintextSegmentSize} bytes, each piece sealed with a tag:
 * <pre>
 *   plaintext offset x lies in segment (x + H) / P
 *   segment i starts at plaintext offset  max(0, i·P − H)  and at ciphertext offset  i = 0 ? H : i·C
 * </pre>
 * with H the header length, C the ciphertext segment size, P = C − tag. This is the layout of Tink's
 * {@code AesGcmHkdfStreaming} with a first-segment offset of 0; {@code SegmentLayoutTest} checks it against
 * real ciphertexts at every boundary.
 */
public record SegmentLayout(int headerLength, int ciphertextSegmentSize, int tagLength) {

    public SegmentLayout {
        if (headerLength < 1 || tagLength < 1 || ciphertextSegmentSize <= headerLength + tagLength) {
            throw new IllegalArgumentException("segment of " + ciphertextSegmentSize + " bytes cannot hold a "
                    + headerLength + "-byte header, a " + tagLength + "-byte tag and any plaintext");
        }
    }

    /** Plaintext bytes in a full segment other than segment 0. */
    public int plaintextSegmentSize() {
        return ciphertextSegmentSize - tagLength;
    }

    /** Plaintext bytes in a full segment 0. */
    public int firstSegmentPlaintextSize() {
        return plaintextSegmentSize() - headerLength;
    }

    /** How many segments a plaintext of {@code plaintextSize} bytes is cut into (at least one). */
    public long segmentCount(long plaintextSize) {
        checkSize(plaintextSize);
        long shifted = plaintextSize + headerLength;
        return (shifted + plaintextSegmentSize() - 1) / plaintextSegmentSize();
    }

    /** The whole ciphertext's length, header included. */
    public long ciphertextSize(long plaintextSize) {
        checkSize(plaintextSize);
        long shifted = plaintextSize + headerLength;
        long full = shifted / plaintextSegmentSize();
        long rest = shifted % plaintextSegmentSize();
        return full * ciphertextSegmentSize + (rest > 0 ? rest + tagLength : 0);
    }

    /** The segment holding plaintext byte {@code offset}. */
    public long segmentOf(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        return (offset + headerLength) / plaintextSegmentSize();
    }

    /** The plaintext offset of segment {@code segment}'s first byte. */
    public long plaintextStart(long segment) {
        return segment == 0 ? 0 : segment * plaintextSegmentSize() - headerLength;
    }

    /** The ciphertext offset of segment {@code segment}'s first byte (after the header for segment 0). */
    public long ciphertextStart(long segment) {
        return segment == 0 ? headerLength : segment * ciphertextSegmentSize;
    }

    /** The plaintext bytes segment {@code segment} holds in a plaintext of {@code plaintextSize} bytes. */
    public int plaintextLength(long segment, long plaintextSize) {
        long start = plaintextStart(segment);
        long end = Math.min(plaintextSize, plaintextStart(segment + 1));
        return (int) Math.max(0, end - start);
    }

    /**
     * What to read and decrypt for plaintext bytes {@code first..last} (inclusive) of a plaintext of
     * {@code plaintextSize} bytes: the covering segments and their ciphertext bytes, and how many plaintext
     * bytes to skip in the first segment. An empty range ({@code last = first - 1}) is allowed only for an
     * empty plaintext, and covers its one (empty) segment.
     */
    public Span span(long plaintextSize, long first, long last) {
        checkSize(plaintextSize);
        boolean emptyObject = plaintextSize == 0 && first == 0 && last == -1;
        if (!emptyObject && (first < 0 || last < first || last >= plaintextSize)) {
            throw new IllegalArgumentException("range " + first + "-" + last + " is outside a plaintext of "
                    + plaintextSize + " bytes");
        }
        long firstSegment = segmentOf(first);
        long lastSegment = emptyObject ? 0 : segmentOf(last);
        long ciphertextStart = ciphertextStart(firstSegment);
        long ciphertextEnd = ciphertextStart(lastSegment) + plaintextLength(lastSegment, plaintextSize) + tagLength;
        return new Span(firstSegment, lastSegment, segmentCount(plaintextSize) - 1, ciphertextStart, ciphertextEnd,
                first - plaintextStart(firstSegment), last - first + 1);
    }

    private static void checkSize(long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("plaintext size must not be negative: " + plaintextSize);
        }
    }

    /**
     * The segments covering a plaintext range.
     *
     * @param firstSegment the first segment to decrypt
     * @param lastSegment the last segment to decrypt
     * @param finalSegment the plaintext's last segment (sealed with the "last" flag)
     * @param ciphertextStart the offset of the first segment's ciphertext
     * @param ciphertextEnd the offset just past the last segment's ciphertext
     * @param skip plaintext bytes to drop at the start of the first segment
     * @param length plaintext bytes the range holds
     */
    public record Span(long firstSegment, long lastSegment, long finalSegment, long ciphertextStart,
            long ciphertextEnd, long skip, long length) {
        /** How many segments the range touches. */
        public long segments() {
            return lastSegment - firstSegment + 1;
        }
    }
}
