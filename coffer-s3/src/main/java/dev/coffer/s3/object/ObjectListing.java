package dev.coffer.s3.object;

import java.util.List;
import java.util.Optional;

/**
 * A page of objects and common prefixes, each in key order.
 *
 * @param next when truncated, the last key or common prefix of this page: where the next page starts after
 */
public record ObjectListing(List<StoredObject> objects, List<String> commonPrefixes, boolean truncated,
        Optional<String> next) {
    public int keyCount() {
        return objects.size() + commonPrefixes.size();
    }
}
