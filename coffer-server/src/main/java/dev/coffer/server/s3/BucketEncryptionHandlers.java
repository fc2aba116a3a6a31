package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.BucketEncryption;
import dev.coffer.s3.bucket.EncryptionConfiguration;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.SafeXml;
import dev.coffer.server.xml.XmlWriter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** PutBucketEncryption, GetBucketEncryption and DeleteBucketEncryption on the wire. */
final class BucketEncryptionHandlers {
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private final BucketEncryption encryption;

    BucketEncryptionHandlers(BucketEncryption encryption) {
        this.encryption = encryption;
    }

    ApiResponse get(ApiRequest request, String bucket) {
        EncryptionConfiguration c = encryption.get(request.principal(), bucket);
        XmlWriter xml = new XmlWriter().start("ServerSideEncryptionConfiguration", S3Xml.NAMESPACE)
                .start("Rule")
                .start("ApplyServerSideEncryptionByDefault")
                .element("SSEAlgorithm", c.sseAlgorithm());
        c.kmsMasterKeyId().ifPresent(k -> xml.element("KMSMasterKeyID", k));
        xml.end().element("BucketKeyEnabled", Boolean.toString(c.bucketKeyEnabled()));
        if (c.blockSseC()) {
            xml.start("BlockedEncryptionTypes").element("EncryptionType", "SSE-C").end();
        }
        xml.end().end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    ApiResponse put(ApiRequest request, String bucket) throws IOException {
        byte[] body = RequestBodies.readSmall(request.body(), MAX_BODY_BYTES);
        SafeXml.Element root;
        try {
            root = SafeXml.parse(body, 64);
        } catch (SafeXml.MalformedXmlException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
        }
        List<SafeXml.Element> rules = root.all("Rule");
        if (!root.name().equals("ServerSideEncryptionConfiguration") || rules.size() != 1) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
        }
        SafeXml.Element rule = rules.getFirst();
        List<SafeXml.Element> defaults = rule.all("ApplyServerSideEncryptionByDefault");
        String algorithm = "AES256";
        Optional<String> keyId = Optional.empty();
        if (!defaults.isEmpty()) {
            algorithm = defaults.getFirst().childText("SSEAlgorithm")
                    .orElseThrow(() -> S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket));
            keyId = defaults.getFirst().childText("KMSMasterKeyID").filter(k -> !k.isBlank());
        }
        boolean bucketKey = rule.childText("BucketKeyEnabled").map("true"::equalsIgnoreCase).orElse(false);
        boolean blockSseC = false;
        for (SafeXml.Element blocked : rule.all("BlockedEncryptionTypes")) {
            for (SafeXml.Element type : blocked.all("EncryptionType")) {
                switch (type.text().strip()) {
                    case "SSE-C" -> blockSseC = true;
                    case "NONE" -> { }
                    default -> throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
                }
            }
        }
        encryption.put(request.principal(), bucket, new EncryptionConfiguration(algorithm, keyId, bucketKey, blockSseC));
        return ApiResponse.status(200).header("Content-Length", "0").build();
    }

    ApiResponse delete(ApiRequest request, String bucket) {
        encryption.delete(request.principal(), bucket);
        return ApiResponse.status(204).build();
    }
}
