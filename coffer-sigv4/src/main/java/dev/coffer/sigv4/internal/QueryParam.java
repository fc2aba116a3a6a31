package dev.coffer.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One query parameter, decoded (for looking up {@code X-Amz-*}) and in its canonical encoding (for the
 * canonical query string).
 */
public record QueryParam(String name, String value, String canonicalName, String canonicalValue) {

    private static final Comparator<QueryParam> CANONICAL_ORDER =
            Comparator.comparing(QueryParam::canonicalName).thenComparing(QueryParam::canonicalValue);

    /**
     * Splits a raw query string on {@code &}; {@code a} and {@code a=} are the same parameter with an empty
     * value; parameters with an empty name are dropped, as the SDKs leave them out of what they sign.
     */
    public static List<QueryParam> parse(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return List.of();
        }
        List<QueryParam> out = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                int valueStart = nameEnd == end ? end : nameEnd + 1;
                byte[] name = UriEncoding.decode(rawQuery, start, nameEnd, true);
                if (name.length > 0) {
                    byte[] value = UriEncoding.decode(rawQuery, valueStart, end, true);
                    out.add(new QueryParam(
                            new String(name, StandardCharsets.UTF_8),
                            new String(value, StandardCharsets.UTF_8),
                            encode(name),
                            encode(value)));
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out;
    }

    private static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        UriEncoding.encode(bytes, false, sb);
        return sb.toString();
    }

    /** A canonical query string with the session token's value blanked out, for error details. */
    public static String redact(String canonicalQuery) {
        return canonicalQuery.replaceAll("(^|&)(X-Amz-Security-Token=)[^&]*", "$1$2(redacted)");
    }

    /** The first value of the parameter named exactly {@code name} (AWS's names are case-sensitive). */
    public static Optional<String> first(List<QueryParam> params, String name) {
        for (QueryParam p : params) {
            if (p.name.equals(name)) {
                return Optional.of(p.value);
            }
        }
        return Optional.empty();
    }

    public static int count(List<QueryParam> params, String name) {
        int n = 0;
        for (QueryParam p : params) {
            if (p.name.equals(name)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The canonical query string: parameters sorted by encoded name, then encoded value, joined as
     * {@code name=value} with {@code &}; {@code X-Amz-Signature} left out when {@code presigned}.
     */
    public static String canonical(List<QueryParam> params, boolean presigned) {
        if (params.isEmpty()) {
            return "";
        }
        List<QueryParam> sorted = new ArrayList<>(params.size());
        for (QueryParam p : params) {
            if (!(presigned && p.name.equals(SignatureClaim.X_AMZ_SIGNATURE))) {
                sorted.add(p);
            }
        }
        sorted.sort(CANONICAL_ORDER);
        StringBuilder sb = new StringBuilder(64 * sorted.size());
        for (QueryParam p : sorted) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(p.canonicalName).append('=').append(p.canonicalValue);
        }
        return sb.toString();
    }
}
