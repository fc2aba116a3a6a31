package dev.coffer.server.s3;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.object.ListObjectsRequest;
import dev.coffer.s3.object.ObjectListing;
import dev.coffer.s3.object.ObjectListings;
import dev.coffer.s3.object.StoredObject;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.QueryParams;
import dev.coffer.server.xml.XmlWriter;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * ListObjectsV2, ListObjects (v1), ListObjectVersions and GetBucketVersioning. Buckets are never versioned
 * yet, so every object is its own only version, "null", and versioning was never enabled.
 */
final class ListingHandlers {
    private final ObjectListings listings;
    private final Buckets buckets;

    ListingHandlers(ObjectListings listings, Buckets buckets) {
        this.listings = listings;
        this.buckets = buckets;
    }

    ApiResponse listV2(ApiRequest request, String bucket) {
        QueryParams q = request.query();
        UnaryOperator<String> enc = encoder(q);
        Optional<String> token = q.first("continuation-token");
        Optional<String> startAfter = q.first("start-after");
        String after = token.map(ObjectListings::decodeToken).orElse(startAfter.orElse(""));
        if (token.isPresent() && startAfter.isPresent() && compare(startAfter.get(), after) > 0) {
            after = startAfter.get();
        }
        int maxKeys = maxKeys(q);
        ObjectListing page = listings.list(request.principal(),
                new ListObjectsRequest(bucket, q.first("prefix").orElse(""), q.first("delimiter"), after, maxKeys));
        boolean fetchOwner = q.first("fetch-owner").filter("true"::equalsIgnoreCase).isPresent();
        XmlWriter xml = new XmlWriter().start("ListBucketResult", S3Xml.NAMESPACE)
                .element("Name", bucket)
                .element("Prefix", enc.apply(q.first("prefix").orElse("")));
        q.first("delimiter").ifPresent(d -> xml.element("Delimiter", enc.apply(d)));
        xml.element("MaxKeys", maxKeys);
        q.first("encoding-type").ifPresent(e -> xml.element("EncodingType", e));
        xml.element("KeyCount", page.keyCount());
        xml.element("IsTruncated", Boolean.toString(page.truncated()));
        token.ifPresent(t -> xml.element("ContinuationToken", t));
        page.next().ifPresent(n -> xml.element("NextContinuationToken", ObjectListings.encodeToken(n)));
        startAfter.ifPresent(s -> xml.element("StartAfter", enc.apply(s)));
        for (StoredObject o : page.objects()) {
            contents(xml, o, enc, fetchOwner ? Optional.of(request.principal().accountId()) : Optional.empty());
        }
        prefixes(xml, page, enc);
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    ApiResponse listV1(ApiRequest request, String bucket) {
        QueryParams q = request.query();
        UnaryOperator<String> enc = encoder(q);
        String marker = q.first("marker").orElse("");
        int maxKeys = maxKeys(q);
        ObjectListing page = listings.list(request.principal(),
                new ListObjectsRequest(bucket, q.first("prefix").orElse(""), q.first("delimiter"), marker, maxKeys));
        XmlWriter xml = new XmlWriter().start("ListBucketResult", S3Xml.NAMESPACE)
                .element("Name", bucket)
                .element("Prefix", enc.apply(q.first("prefix").orElse("")))
                .element("Marker", enc.apply(marker));
        // S3 gives NextMarker only with a delimiter; without one, clients resume after the last key.
        if (q.first("delimiter").isPresent()) {
            page.next().ifPresent(n -> xml.element("NextMarker", enc.apply(n)));
        }
        xml.element("MaxKeys", maxKeys);
        q.first("delimiter").ifPresent(d -> xml.element("Delimiter", enc.apply(d)));
        q.first("encoding-type").ifPresent(e -> xml.element("EncodingType", e));
        xml.element("IsTruncated", Boolean.toString(page.truncated()));
        for (StoredObject o : page.objects()) {
            contents(xml, o, enc, Optional.of(request.principal().accountId()));
        }
        prefixes(xml, page, enc);
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    ApiResponse listVersions(ApiRequest request, String bucket) {
        QueryParams q = request.query();
        UnaryOperator<String> enc = encoder(q);
        String keyMarker = q.first("key-marker").orElse("");
        int maxKeys = maxKeys(q);
        ObjectListing page = listings.list(request.principal(), new ListObjectsRequest(bucket,
                q.first("prefix").orElse(""), q.first("delimiter"), keyMarker, maxKeys));
        XmlWriter xml = new XmlWriter().start("ListVersionsResult", S3Xml.NAMESPACE)
                .element("Name", bucket)
                .element("Prefix", enc.apply(q.first("prefix").orElse("")))
                .element("KeyMarker", enc.apply(keyMarker))
                .element("VersionIdMarker", q.first("version-id-marker").orElse(""));
        page.next().ifPresent(n -> xml.element("NextKeyMarker", enc.apply(n)).element("NextVersionIdMarker", "null"));
        xml.element("MaxKeys", maxKeys);
        q.first("delimiter").ifPresent(d -> xml.element("Delimiter", enc.apply(d)));
        q.first("encoding-type").ifPresent(e -> xml.element("EncodingType", e));
        xml.element("IsTruncated", Boolean.toString(page.truncated()));
        String owner = BucketHandlers.canonicalUserId(request.principal().accountId());
        for (StoredObject o : page.objects()) {
            xml.start("Version")
                    .element("Key", enc.apply(o.key()))
                    .element("VersionId", "null")
                    .element("IsLatest", "true")
                    .element("LastModified", S3Xml.timestamp(o.lastModified()))
                    .element("ETag", o.quotedEtag())
                    .element("Size", o.size())
                    .element("StorageClass", o.storageClass());
            xml.start("Owner").element("ID", owner).end();
            o.checksum().ifPresent(c -> xml.element("ChecksumAlgorithm", c.algorithm()).element("ChecksumType",
                    c.type()));
            xml.end();
        }
        prefixes(xml, page, enc);
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    /** GetBucketVersioning of a bucket that never had versioning: an empty configuration, as S3 answers. */
    ApiResponse versioning(ApiRequest request, String bucket) {
        buckets.head(request.principal(), bucket);
        XmlWriter xml = new XmlWriter().start("VersioningConfiguration", S3Xml.NAMESPACE).end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    private static void contents(XmlWriter xml, StoredObject o, UnaryOperator<String> enc, Optional<String> owner) {
        xml.start("Contents")
                .element("Key", enc.apply(o.key()))
                .element("LastModified", S3Xml.timestamp(o.lastModified()))
                .element("ETag", o.quotedEtag())
                .element("Size", o.size())
                .element("StorageClass", o.storageClass());
        o.checksum().ifPresent(c -> xml.element("ChecksumAlgorithm", c.algorithm()).element("ChecksumType",
                c.type()));
        owner.ifPresent(a -> xml.start("Owner").element("ID", BucketHandlers.canonicalUserId(a)).end());
        xml.end();
    }

    private static void prefixes(XmlWriter xml, ObjectListing page, UnaryOperator<String> enc) {
        for (String p : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", enc.apply(p)).end();
        }
    }

    private static int maxKeys(QueryParams q) {
        Optional<String> v = q.first("max-keys");
        if (v.isEmpty()) {
            return ListObjectsRequest.MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(v.get().strip());
            if (n >= 0) {
                return Math.min(n, ListObjectsRequest.MAX_KEYS);
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range");
    }

    /** {@code encoding-type=url}: keys and prefixes percent-encoded (S3 keeps '/' and unreserved characters). */
    static UnaryOperator<String> encoder(QueryParams q) {
        Optional<String> type = q.first("encoding-type");
        if (type.isEmpty()) {
            return s -> s;
        }
        if (!type.get().equals("url")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
        }
        return ListingHandlers::urlEncode;
    }

    static String urlEncode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static int compare(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
    }
}
