package dev.coffer.s3.object;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.iam.Principal;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.store.MetadataStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ListObjectsV2, ListObjects (v1) and ListObjectVersions share one page walk: keys after a marker, under a
 * prefix, rolled up into common prefixes at the delimiter, in UTF-8 byte order.
 */
public final class ObjectListings {
    private final MetadataStore store;
    private final Buckets buckets;

    public ObjectListings(MetadataStore store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    public ObjectListing list(Principal caller, ListObjectsRequest r) {
        buckets.require(caller, r.bucket());
        if (r.maxKeys() == 0) {
            return new ObjectListing(List.of(), List.of(), false, Optional.empty());
        }
        return store.read(c -> {
            List<StoredObject> objects = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            boolean[] truncated = {false};
            String[] last = {null};
            ObjectTable.scan(c, r.bucket(), r.prefix(), r.after(), o -> {
                Optional<String> rolledUp = r.delimiter().flatMap(d -> commonPrefix(o.key(), r.prefix(), d));
                if (rolledUp.isPresent()) {
                    String p = rolledUp.get();
                    if (p.equals(last[0]) || compareUtf8(p, r.after()) <= 0) {
                        return true;
                    }
                }
                if (objects.size() + prefixes.size() == r.maxKeys()) {
                    truncated[0] = true;
                    return false;
                }
                if (rolledUp.isPresent()) {
                    prefixes.add(rolledUp.get());
                    last[0] = rolledUp.get();
                } else {
                    objects.add(o);
                    last[0] = o.key();
                }
                return true;
            });
            return new ObjectListing(objects, prefixes, truncated[0],
                    truncated[0] ? Optional.of(last[0]) : Optional.empty());
        });
    }

    static Optional<String> commonPrefix(String key, String prefix, String delimiter) {
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.length()));
    }

    /** S3 orders keys by their UTF-8 bytes (String.compareTo would order by UTF-16 units). */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
    }

    /** ListObjectsV2's continuation token: opaque to clients, the marker to resume after. */
    public static String encodeToken(String marker) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + marker).getBytes(UTF_8));
    }

    public static String decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // the same answer as any other unreadable token
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
}
