package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.object.Checksum;
import dev.coffer.s3.object.GetObjectRequest;
import dev.coffer.s3.object.ObjectAttributes;
import dev.coffer.s3.object.ObjectContent;
import dev.coffer.s3.object.ObjectReads;
import dev.coffer.s3.object.StoredObject;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.XmlWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** GetObject, HeadObject and GetObjectAttributes on the wire. */
final class ObjectReadHandlers {
    private static final int COPY_BUFFER = 64 * 1024;
    /** The values of {@code x-amz-object-attributes} (the model's ObjectAttributes enum). */
    private static final Set<String> ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass",
            "ObjectSize");
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

    /** GetObjectAttributes: the attributes named in {@code x-amz-object-attributes}, in the model's order. */
    ApiResponse attributes(ApiRequest request, String bucket, String key) {
        ObjectRequests.checkVersionId(request);
        Set<String> wanted = wantedAttributes(request);
        Optional<ObjectAttributes.PageRequest> page = wanted.contains("ObjectParts")
                ? Optional.of(pageRequest(request)) : Optional.empty();
        GetObjectRequest r = new GetObjectRequest(bucket, key, Optional.empty(),
                ObjectRequests.preconditions(request.headers()), ObjectRequests.customerKey(request.headers()),
                request.context().secure());
        ObjectAttributes a;
        try {
            a = reads.attributes(request.principal(), r, page);
        } finally {
            r.customerKey().ifPresent(k -> k.close());
        }
        StoredObject o = a.object();
        XmlWriter xml = new XmlWriter().start("GetObjectAttributesResponse", S3Xml.NAMESPACE);
        if (wanted.contains("ETag")) {
            xml.element("ETag", o.etag());
        }
        if (wanted.contains("Checksum") && o.checksum().isPresent()) {
            xml.start("Checksum")
                    .element(checksumElement(o.checksum().get()), o.checksum().get().value())
                    .element("ChecksumType", o.checksum().get().type())
                    .end();
        }
        if (wanted.contains("ObjectParts") && o.partCount() > 0) {
            xml.start("ObjectParts").element("PartsCount", o.partCount());
            a.parts().ifPresent(p -> partPage(xml, p));
            xml.end();
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

    /**
     * The names in {@code x-amz-object-attributes} (comma-separated, in one header or several). S3 answers an
     * unknown name with InvalidArgument naming it, and no name at all with InvalidRequest (both as seen from S3 and
     * reported in versity/versitygw issues 915 and 917).
     */
    private static Set<String> wantedAttributes(ApiRequest request) {
        Set<String> wanted = new HashSet<>();
        for (String v : request.headers().all("x-amz-object-attributes")) {
            for (String name : v.split(",")) {
                String n = name.strip();
                if (n.isEmpty()) {
                    continue;
                }
                if (!ATTRIBUTES.contains(n)) {
                    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified.")
                            .withDetail("ArgumentName", "x-amz-object-attributes").withDetail("ArgumentValue", n);
                }
                wanted.add(n);
            }
        }
        if (wanted.isEmpty()) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The x-amz-object-attributes header specifying the "
                    + "attributes to be retrieved is either missing or empty");
        }
        return wanted;
    }

    /**
     * The page asked for by {@code x-amz-part-number-marker} and {@code x-amz-max-parts}. S3 ignores a max-parts it
     * cannot use (versity/versitygw issue 1806); treating a bad marker as none, and capping max-parts at 1000 as
     * ListParts does, are best guesses.
     */
    private static ObjectAttributes.PageRequest pageRequest(ApiRequest request) {
        int marker = request.headers().first("x-amz-part-number-marker").flatMap(ObjectReadHandlers::nonNegative)
                .orElse(0);
        int max = request.headers().first("x-amz-max-parts").flatMap(ObjectReadHandlers::nonNegative)
                .filter(n -> n > 0).orElse(ObjectAttributes.MAX_PARTS_PER_PAGE);
        return new ObjectAttributes.PageRequest(marker, Math.min(max, ObjectAttributes.MAX_PARTS_PER_PAGE));
    }

    private static Optional<Integer> nonNegative(String v) {
        try {
            int n = Integer.parseInt(v.strip());
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The markers, page size and parts inside {@code <ObjectParts>}, in GetObjectAttributesParts' order. */
    private static void partPage(XmlWriter xml, ObjectAttributes.PartPage page) {
        xml.element("PartNumberMarker", page.request().partNumberMarker())
                .element("NextPartNumberMarker", page.nextPartNumberMarker())
                .element("MaxParts", page.request().maxParts())
                .element("IsTruncated", Boolean.toString(page.truncated()));
        for (ObjectAttributes.Part p : page.parts()) {
            xml.start("Part").element("PartNumber", p.partNumber()).element("Size", p.size());
            p.checksum().ifPresent(c -> xml.element(checksumElement(c), c.value()));
            xml.end();
        }
    }

    private static String checksumElement(Checksum c) {
        return "Checksum" + c.algorithm().toUpperCase(Locale.ROOT);
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
