package dev.coffer.sigv4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request failed SigV4 verification, or its body failed a check while being read. Unchecked, so it
 * travels unchanged through {@link java.io.InputStream#transferTo} and other copy loops: catch it where the
 * request is answered and map {@link #error()} to the wire.
 *
 * <p>The message and {@link #details()} never contain a secret, a derived key or the signature the server
 * expected; details hold the extra elements S3 puts in its error document ({@code StringToSign},
 * {@code CanonicalRequest}, {@code ServerTime}, …), in order.
 *
 * <p>It carries no stack trace: it is a client error, thrown often, and never a bug.
 */
public final class SigV4Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SigV4Error error;
    private final transient Map<String, String> details;

    public SigV4Exception(SigV4Error error, String message, Map<String, String> details) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static SigV4Exception of(SigV4Error error) {
        return new SigV4Exception(error, error.message(), Map.of());
    }

    public static SigV4Exception of(SigV4Error error, String message) {
        return new SigV4Exception(error, message, Map.of());
    }

    /** Details as alternating names and values, in the order S3 prints them. */
    public static SigV4Exception of(SigV4Error error, String message, String... detailNamesAndValues) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i + 1 < detailNamesAndValues.length; i += 2) {
            d.put(detailNamesAndValues[i], detailNamesAndValues[i + 1]);
        }
        return new SigV4Exception(error, message, d);
    }

    /**
     * The AuthorizationHeaderMalformed S3 sends when the scope's region is not the server's; for adapters
     * that check {@link VerifiedRequest#scope()} against their region.
     */
    public static SigV4Exception wrongRegion(String given, String expected) {
        return of(SigV4Error.AUTHORIZATION_HEADER_MALFORMED,
                "The authorization header is malformed; the region '" + given + "' is wrong; expecting '"
                        + expected + "'",
                "Region", expected);
    }

    public SigV4Error error() {
        return error;
    }

    public Map<String, String> details() {
        return details;
    }
}
