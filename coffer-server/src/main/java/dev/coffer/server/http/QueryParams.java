package dev.coffer.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A decoded query string (or form body). A name given without {@code =} (S3's {@code ?location},
 * {@code ?uploads}) is present with the empty value.
 */
public final class QueryParams {
    private static final QueryParams EMPTY = new QueryParams(Map.of());
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParams empty() {
        return EMPTY;
    }

    /** Parses {@code a=1&b&c=%20}; throws {@link IllegalArgumentException} on a bad percent-escape. */
    public static QueryParams parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return new QueryParams(Collections.unmodifiableMap(out));
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, UTF_8);
    }

    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.getFirst());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Both parameter sets; values of {@code other} come after this one's. */
    public QueryParams plus(QueryParams other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        other.values.forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new QueryParams(Collections.unmodifiableMap(out));
    }
}
