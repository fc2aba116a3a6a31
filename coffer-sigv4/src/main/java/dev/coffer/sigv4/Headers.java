package dev.coffer.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Request headers as a case-insensitive multimap: names are compared ignoring case, each name keeps its
 * values in the order they arrived (SigV4 joins repeated headers with commas in that order). Immutable once
 * built; an adapter fills it with one {@link Builder#add} per header field, as the server hands them over.
 *
 * <p>Values must be the strings the client sent (header bytes decoded as UTF-8), because the signature
 * covers them byte for byte.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    /** Lower-case name to values, in arrival order of first appearance. */
    private final Map<String, List<String>> byName;

    private Headers(Map<String, List<String>> byName) {
        this.byName = byName;
    }

    public static Headers empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Headers from alternating names and values, for tests and small adapters: {@code of("Host", "x", …)}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** The first value of {@code name}, ignoring case. */
    public Optional<String> first(String name) {
        List<String> v = byName.get(lower(name));
        return v == null ? Optional.empty() : Optional.of(v.getFirst());
    }

    /** Every value of {@code name} in arrival order; empty if absent. */
    public List<String> all(String name) {
        List<String> v = byName.get(lower(name));
        return v == null ? List.of() : v;
    }

    public boolean contains(String name) {
        return byName.containsKey(lower(name));
    }

    /** The distinct header names, lower-case. */
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public String toString() {
        // Names only: values can hold credentials (Authorization, SSE-C keys, security tokens).
        return "Headers" + byName.keySet();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Collects header fields; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> byName = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            byName.computeIfAbsent(lower(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public Headers build() {
            Map<String, List<String>> copy = new LinkedHashMap<>(byName.size() * 2);
            byName.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
