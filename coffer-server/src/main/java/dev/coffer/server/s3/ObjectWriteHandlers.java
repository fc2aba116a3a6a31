package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.object.ObjectWrites;
import dev.coffer.s3.object.PutObjectRequest;
import dev.coffer.s3.object.PutObjectResult;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.SafeXml;
import dev.coffer.server.xml.XmlWriter;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** PutObject, DeleteObject and DeleteObjects on the wire. */
final class ObjectWriteHandlers {
    /** DeleteObjects: 1,000 keys of up to 1,024 bytes, escaped, fit well within this. */
    private static final int MAX_DELETE_BODY_BYTES = 2 * 1024 * 1024;
    private static final int MAX_DELETE_KEYS = 1000;

    private final ObjectWrites writes;

    ObjectWriteHandlers(ObjectWrites writes) {
        this.writes = writes;
    }

    ApiResponse put(ApiRequest request, String bucket, String key) {
        Headers h = request.headers();
        Optional<SseCustomerKey> customerKey = ObjectRequests.customerKey(h);
        try {
            PutObjectResult result = writes.put(request.principal(), new PutObjectRequest(bucket, key,
                    ObjectRequests.objectHeaders(h), h.first("x-amz-storage-class"),
                    ObjectRequests.sseRequest(h), customerKey, ObjectRequests.preconditions(h),
                    request.context().secure(), ObjectRequests.upload(request)));
            ApiResponse.Builder out = ApiResponse.status(200).header("ETag", result.etag());
            ObjectResponses.checksum(out, result.checksum());
            ObjectResponses.writeEncryption(out, result.encryption());
            return out.header("Content-Length", "0").build();
        } finally {
            customerKey.ifPresent(SseCustomerKey::close);
        }
    }

    ApiResponse delete(ApiRequest request, String bucket, String key) {
        ObjectRequests.checkVersionId(request);
        writes.delete(request.principal(), bucket, key);
        return ApiResponse.status(204).build();
    }

    ApiResponse deleteMany(ApiRequest request, String bucket) throws IOException {
        Headers h = request.headers();
        boolean integrity = h.contains("content-md5") || h.contains("x-amz-trailer")
                || java.util.Arrays.stream(ChecksumAlgorithm.values()).anyMatch(a -> h.contains(a.headerName()));
        byte[] body = RequestBodies.readSmall(request.body(), MAX_DELETE_BODY_BYTES);
        if (!integrity) {
            // S3 requires Content-MD5 or a flexible checksum, so a corrupted list cannot delete the wrong keys.
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Missing required header for this request: Content-MD5");
        }
        SafeXml.Element delete;
        try {
            delete = SafeXml.parse(body, 4 * MAX_DELETE_KEYS + 8);
        } catch (SafeXml.MalformedXmlException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
        }
        List<SafeXml.Element> objects = delete.all("Object");
        if (!delete.name().equals("Delete") || objects.isEmpty() || objects.size() > MAX_DELETE_KEYS) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
        }
        boolean quiet = delete.childText("Quiet").map(q -> q.equalsIgnoreCase("true")).orElse(false);
        List<String> keys = new ArrayList<>();
        List<String> badVersion = new ArrayList<>();
        for (SafeXml.Element o : objects) {
            String key = o.childText("Key").orElseThrow(() -> S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket));
            if (o.childText("VersionId").filter(v -> !v.equals("null")).isPresent()) {
                badVersion.add(key);
            } else {
                keys.add(key);
            }
        }
        List<ObjectWrites.DeleteResult> results = writes.deleteMany(request.principal(), bucket, keys);
        XmlWriter xml = new XmlWriter().start("DeleteResult", S3Xml.NAMESPACE);
        for (ObjectWrites.DeleteResult r : results) {
            if (r.error().isEmpty()) {
                if (!quiet) {
                    xml.start("Deleted").element("Key", r.key()).end();
                }
            } else {
                error(xml, r.key(), r.error().get().code().code(), r.error().get().getMessage());
            }
        }
        for (String key : badVersion) {
            error(xml, key, "NoSuchVersion", "The specified version does not exist.");
        }
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    private static void error(XmlWriter xml, String key, String code, String message) {
        xml.start("Error").element("Key", key).element("Code", code).element("Message", message).end();
    }
}
