package dev.coffer.server.s3;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.Bucket;
import dev.coffer.s3.bucket.BucketListing;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.bucket.CreateBucketRequest;
import dev.coffer.s3.bucket.ListBucketsRequest;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.SafeXml;
import dev.coffer.server.xml.XmlWriter;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** CreateBucket, HeadBucket, ListBuckets, DeleteBucket and GetBucketLocation on the wire. */
final class BucketHandlers {
    /** A CreateBucketConfiguration is a few hundred bytes; anything near this is not one. */
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    private final Buckets buckets;

    BucketHandlers(Buckets buckets) {
        this.buckets = buckets;
    }

    ApiResponse create(ApiRequest request, String bucket) throws IOException {
        byte[] body = RequestBodies.readSmall(request.body(), MAX_CONFIGURATION_BYTES);
        Optional<String> constraint = Optional.empty();
        if (body.length > 0) {
            Map<String, String> xml;
            try {
                xml = SafeXml.leaves(body);
            } catch (SafeXml.MalformedXmlException e) {
                throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
            }
            if (!"CreateBucketConfiguration".equals(xml.get(""))) {
                throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
            }
            constraint = Optional.ofNullable(xml.get("LocationConstraint"));
        }
        Bucket created = buckets.create(request.principal(), new CreateBucketRequest(bucket, constraint));
        return ApiResponse.status(200)
                .header("Location", "/" + created.name())
                .header("Content-Length", "0")
                .build();
    }

    ApiResponse head(ApiRequest request, String bucket) {
        Bucket b = buckets.head(request.principal(), bucket);
        return ApiResponse.status(200)
                .header("x-amz-bucket-region", b.region())
                .header("x-amz-access-point-alias", "false")
                .build();
    }

    ApiResponse location(ApiRequest request, String bucket) {
        // AWS answers an empty LocationConstraint for us-east-1.
        String location = buckets.location(request.principal(), bucket);
        XmlWriter xml = new XmlWriter().start("LocationConstraint", S3Xml.NAMESPACE).text(location).end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    ApiResponse list(ApiRequest request) {
        ListBucketsRequest r = new ListBucketsRequest(
                request.query().first("max-buckets").map(BucketHandlers::parseMaxBuckets),
                request.query().first("continuation-token"),
                request.query().first("prefix"),
                request.query().first("bucket-region"));
        BucketListing listing = buckets.list(request.principal(), r);
        XmlWriter xml = new XmlWriter().start("ListAllMyBucketsResult", S3Xml.NAMESPACE);
        xml.start("Owner").element("ID", canonicalUserId(request.principal().accountId())).end();
        xml.start("Buckets");
        for (Bucket b : listing.buckets()) {
            xml.start("Bucket")
                    .element("Name", b.name())
                    .element("CreationDate", S3Xml.timestamp(b.createdAt()))
                    .element("BucketRegion", b.region())
                    .end();
        }
        xml.end();
        listing.continuationToken().ifPresent(t -> xml.element("ContinuationToken", t));
        r.prefix().ifPresent(p -> xml.element("Prefix", p));
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    ApiResponse delete(ApiRequest request, String bucket) {
        buckets.delete(request.principal(), bucket);
        return ApiResponse.status(204).build();
    }

    private static int parseMaxBuckets(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided max-buckets not an integer or within "
                    + "integer range");
        }
    }

    /**
     * S3 names owners by a 64-hex-digit canonical user id; Coffer derives it from the account id so it is
     * stable and needs no storage.
     */
    static String canonicalUserId(String accountId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("coffer-canonical-user:" + accountId).getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
