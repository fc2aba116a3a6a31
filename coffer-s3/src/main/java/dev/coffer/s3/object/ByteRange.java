package dev.coffer.s3.object;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive byte range of an object, resolved from a {@code Range} header against the object's size.
 * S3 serves one range per request: a header it cannot parse, or one with several ranges, is ignored and the
 * whole object is sent; a syntactically valid range that starts past the end is {@code InvalidRange} (416).
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    public long length() {
        return last - first + 1;
    }

    /** {@code Content-Range} of a 206: {@code bytes first-last/size}. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The range {@code header} asks for in an object of {@code size} bytes; empty means the whole object. */
    public static Optional<ByteRange> resolve(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.get().strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw invalid(header.get(), size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return Optional.empty(); // not a valid byte-range-spec: ignored, as HTTP says
            }
            if (first >= size) {
                throw invalid(header.get(), size);
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static S3Exception invalid(String header, long size) {
        return new S3Exception(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable")
                .withDetail("RangeRequested", header.strip())
                .withDetail("ActualObjectSize", Long.toString(size));
    }
}
