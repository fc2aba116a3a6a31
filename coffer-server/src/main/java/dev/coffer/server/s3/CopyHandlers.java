package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.object.Copies;
import dev.coffer.s3.object.PutObjectResult;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.XmlWriter;
import dev.coffer.sigv4.Headers;
import java.util.Locale;
import java.util.Optional;

/** CopyObject on the wire. */
final class CopyHandlers {
    private final Copies copies;

    CopyHandlers(Copies copies) {
        this.copies = copies;
    }

    ApiResponse copy(ApiRequest request, String bucket, String key) {
        Headers h = request.headers();
        String[] source = ObjectRequests.copySource(h);
        String directive = h.first("x-amz-metadata-directive").map(String::strip).orElse("COPY");
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown metadata directive.");
        }
        Optional<SseCustomerKey> sourceKey = ObjectRequests.copySourceCustomerKey(h);
        Optional<SseCustomerKey> customerKey = ObjectRequests.customerKey(h);
        try {
            PutObjectResult r = copies.copy(request.principal(), new Copies.CopyRequest(source[0], source[1], sourceKey,
                    ObjectRequests.copySourcePreconditions(h), bucket, key, directive.equals("REPLACE"),
                    ObjectRequests.objectHeaders(h), h.first("x-amz-storage-class"), ObjectRequests.sseRequest(h),
                    customerKey, ObjectRequests.preconditions(h), request.context().secure()));
            XmlWriter xml = new XmlWriter().start("CopyObjectResult", S3Xml.NAMESPACE)
                    .element("ETag", r.etag()).element("LastModified", MultipartHandlers.iso(r.lastModified()));
            r.checksum().ifPresent(c -> xml.element("ChecksumType", c.type())
                    .element("Checksum" + c.algorithm().toUpperCase(Locale.ROOT), c.value()));
            xml.end();
            ApiResponse.Builder out = ApiResponse.status(200);
            ObjectResponses.writeEncryption(out, r.encryption());
            return out.body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
        } finally {
            sourceKey.ifPresent(SseCustomerKey::close);
            customerKey.ifPresent(SseCustomerKey::close);
        }
    }
}
