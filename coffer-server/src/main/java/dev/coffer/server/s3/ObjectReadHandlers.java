package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.object.GetObjectRequest;
import dev.coffer.s3.object.ObjectContent;
import dev.coffer.s3.object.ObjectReads;
import dev.coffer.s3.object.StoredObject;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.XmlWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** GetObject, HeadObject and GetObjectAttributes on the wire. */
final class ObjectReadHandlers {
    private static final int COPY_BUFFER = 64 * 1024;
    private final ObjectReads reads;

    ObjectReadHandlers(ObjectReads reads) {
        this.reads = reads;
    }

    ApiResponse get(ApiRequest request, String bucket, String key) {
        ObjectRequests.checkVersionId(request);
        GetObjectRequest r = readRequest(request, bucket, key);
        ObjectContent content;
        try {
            content = reads.get(request.principal(), r);
        } finally {
            r.customerKey().ifPresent(k -> k.close());
        }
        try {
            ApiResponse.Builder out = ApiResponse.status(content.range().isPresent() ? 206 : 200);
            ObjectResponses.objectHeaders(out, content, request.headers(), request.query());
            content.range().ifPresent(br -> out.header("Content-Range", br.contentRange(content.object().size())));
            InputStream body = content.body().orElseThrow();
            return out.stream(content.contentLength(), new ApiResponse.BodyWriter() {
                @Override
                public void writeTo(OutputStream sink) throws java.io.IOException {
                    byte[] buffer = new byte[COPY_BUFFER];
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        sink.write(buffer, 0, n);
                    }
                }

                @Override
                public void close() {
                    content.close();
                }
            }).build();
        } catch (RuntimeException e) {
            content.close();
            throw e;
        }
    }

    ApiResponse head(ApiRequest request, String bucket, String key) {
        ObjectRequests.checkVersionId(request);
        GetObjectRequest r = readRequest(request, bucket, key);
        try (ObjectContent content = reads.head(request.principal(), r)) {
            ApiResponse.Builder out = ApiResponse.status(content.range().isPresent() ? 206 : 200);
            ObjectResponses.objectHeaders(out, content, request.headers(), request.query());
            content.range().ifPresent(br -> out.header("Content-Range", br.contentRange(content.object().size())));
            out.header("Content-Length", Long.toString(content.contentLength()));
            return out.build();
        } finally {
            r.customerKey().ifPresent(k -> k.close());
        }
    }

    /** GetObjectAttributes: the attributes named in {@code x-amz-object-attributes}. */
    ApiResponse attributes(ApiRequest request, String bucket, String key) {
        ObjectRequests.checkVersionId(request);
        Set<String> wanted = new HashSet<>();
        for (String v : request.headers().all("x-amz-object-attributes")) {
            Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(wanted::add);
        }
        GetObjectRequest r = new GetObjectRequest(bucket, key, java.util.Optional.empty(),
                ObjectRequests.preconditions(request.headers()), ObjectRequests.customerKey(request.headers()),
                request.context().secure());
        StoredObject o;
        try {
            o = reads.attributes(request.principal(), r);
        } finally {
            r.customerKey().ifPresent(k -> k.close());
        }
        XmlWriter xml = new XmlWriter().start("GetObjectAttributesResponse", S3Xml.NAMESPACE);
        if (wanted.contains("ETag")) {
            xml.element("ETag", o.etag());
        }
        if (wanted.contains("Checksum") && o.checksum().isPresent()) {
            xml.start("Checksum")
                    .element("Checksum" + o.checksum().get().algorithm().toUpperCase(Locale.ROOT), o.checksum().get().value())
                    .element("ChecksumType", o.checksum().get().type())
                    .end();
        }
        if (wanted.contains("StorageClass")) {
            xml.element("StorageClass", o.storageClass());
        }
        if (wanted.contains("ObjectSize")) {
            xml.element("ObjectSize", o.size());
        }
        xml.end();
        return ApiResponse.status(200)
                .header("Last-Modified", ObjectResponses.httpDate(o.lastModified()))
                .body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    private static GetObjectRequest readRequest(ApiRequest request, String bucket, String key) {
        Optional<Integer> partNumber = request.query().first("partNumber").map(ObjectReadHandlers::partNumber);
        if (partNumber.isPresent() && request.headers().contains("range")) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Cannot specify both Range header and partNumber query "
                    + "parameter");
        }
        return new GetObjectRequest(bucket, key, request.headers().first("range"),
                ObjectRequests.preconditions(request.headers()), ObjectRequests.customerKey(request.headers()),
                request.context().secure(), partNumber);
    }

    static int partNumber(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, "
                    + "inclusive");
        }
    }
}
