package dev.coffer.kms.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Paging for the List operations: a marker is the base64url of the last item's sort key, opaque to
 * clients; a marker that does not decode is {@code InvalidMarkerException}.
 */
public final class Markers {
    /** One page of a sorted list. */
    public record Page<T>(List<T> items, Optional<String> nextMarker) {
        public boolean truncated() {
            return nextMarker.isPresent();
        }
    }

    private Markers() {}

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + sortKey).getBytes(UTF_8));
    }

    public static Optional<String> decode(Optional<String> marker) {
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(marker.get()), UTF_8);
            if (s.startsWith("v1:")) {
                return Optional.of(s.substring(3));
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error
        }
        throw new KmsException(KmsErrorCode.INVALID_MARKER, "Invalid marker");
    }

    /** Items after the marker, at most {@code limit}; {@code sorted} must be in ascending sort-key order. */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> sortKey, int limit, Optional<String> marker) {
        Optional<String> after = decode(marker);
        int start = 0;
        if (after.isPresent()) {
            while (start < sorted.size() && sortKey.apply(sorted.get(start)).compareTo(after.get()) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = List.copyOf(sorted.subList(start, end));
        Optional<String> next = end < sorted.size() && !items.isEmpty()
                ? Optional.of(encode(sortKey.apply(items.getLast()))) : Optional.empty();
        return new Page<>(items, next);
    }

    /** Checks an optional Limit against AWS's range and applies the default. */
    public static int limit(Optional<Integer> limit, int max, int defaultLimit) {
        if (limit.isEmpty()) {
            return defaultLimit;
        }
        int l = limit.get();
        if (l < 1) {
            throw KmsException.validation("limit", l, "Member must have value greater than or equal to 1");
        }
        if (l > max) {
            throw KmsException.validation("limit", l, "Member must have value less than or equal to " + max);
        }
        return l;
    }
}
