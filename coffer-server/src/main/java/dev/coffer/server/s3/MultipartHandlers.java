package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.object.Checksum;
import dev.coffer.s3.object.Copies;
import dev.coffer.s3.object.MultipartRequests;
import dev.coffer.s3.object.MultipartUploads;
import dev.coffer.s3.object.ObjectContent;
import dev.coffer.s3.object.UploadBody;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.xml.SafeXml;
import dev.coffer.server.xml.XmlWriter;
import dev.coffer.sigv4.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The multipart upload operations on the wire, UploadPartCopy included. */
final class MultipartHandlers {
    /** 10,000 parts of a few hundred bytes each. */
    private static final int MAX_COMPLETE_BODY_BYTES = 4 * 1024 * 1024;

    private final MultipartUploads uploads;
    private final Copies copies;

    MultipartHandlers(MultipartUploads uploads, Copies copies) {
        this.uploads = uploads;
        this.copies = copies;
    }

    ApiResponse create(ApiRequest request, String bucket, String key) {
        Headers h = request.headers();
        Optional<SseCustomerKey> customerKey = ObjectRequests.customerKey(h);
        try {
            MultipartRequests.Created c = uploads.create(request.principal(), new MultipartRequests.Create(bucket, key,
                    ObjectRequests.objectHeaders(h), h.first("x-amz-storage-class"), ObjectRequests.sseRequest(h),
                    customerKey, request.context().secure(), h.first("x-amz-checksum-algorithm"),
                    h.first("x-amz-checksum-type")));
            XmlWriter xml = new XmlWriter().start("InitiateMultipartUploadResult", S3Xml.NAMESPACE)
                    .element("Bucket", bucket).element("Key", key).element("UploadId", c.uploadId()).end();
            ApiResponse.Builder out = ApiResponse.status(200);
            ObjectResponses.writeEncryption(out, c.encryption());
            c.checksumAlgorithm().ifPresent(a -> out.header("x-amz-checksum-algorithm", a));
            c.checksumType().ifPresent(t -> out.header("x-amz-checksum-type", t));
            return out.body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
        } finally {
            customerKey.ifPresent(SseCustomerKey::close);
        }
    }

    ApiResponse uploadPart(ApiRequest request, String bucket, String key) {
        Headers h = request.headers();
        Optional<SseCustomerKey> customerKey = ObjectRequests.customerKey(h);
        try {
            MultipartRequests.PartUploaded p = uploads.uploadPart(request.principal(), new MultipartRequests.UploadPart(
                    bucket, key, uploadId(request), partNumber(request), customerKey, request.context().secure(),
                    ObjectRequests.upload(request)));
            ApiResponse.Builder out = ApiResponse.status(200).header("ETag", p.etag());
            ObjectResponses.checksum(out, p.checksum().map(c -> new Checksum(c.algorithm(), c.value())));
            ObjectResponses.encryption(out, p.encryption());
            return out.header("Content-Length", "0").build();
        } finally {
            customerKey.ifPresent(SseCustomerKey::close);
        }
    }

    ApiResponse uploadPartCopy(ApiRequest request, String bucket, String key) throws IOException {
        Headers h = request.headers();
        String[] source = ObjectRequests.copySource(h);
        Optional<String> range = h.first("x-amz-copy-source-range").map(String::strip);
        if (range.isPresent() && !range.get().matches("bytes=\\d+-\\d+")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form "
                    + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes "
                    + "to copy");
        }
        Optional<SseCustomerKey> sourceKey = ObjectRequests.copySourceCustomerKey(h);
        Optional<SseCustomerKey> customerKey = ObjectRequests.customerKey(h);
        try (ObjectContent content = copies.open(request.principal(), source[0], source[1], range, sourceKey,
                ObjectRequests.copySourcePreconditions(h), request.context().secure())) {
            if (range.isPresent() && content.range().map(r -> !range.get().equals("bytes=" + r.first() + "-" + r.last()))
                    .orElse(true)) {
                throw new S3Exception(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable");
            }
            InputStream body = content.body().orElseThrow();
            long length = content.contentLength();
            MultipartRequests.PartUploaded p = uploads.uploadPart(request.principal(), new MultipartRequests.UploadPart(
                    bucket, key, uploadId(request), partNumber(request), customerKey, request.context().secure(),
                    new UploadBody() {
                        @Override
                        public InputStream stream() {
                            return body;
                        }

                        @Override
                        public long declaredLength() {
                            return length;
                        }

                        @Override
                        public Optional<Checksum> checksum() {
                            return Optional.empty();
                        }

                        @Override
                        public Optional<byte[]> contentMd5() {
                            return Optional.empty();
                        }
                    }));
            XmlWriter xml = new XmlWriter().start("CopyPartResult", S3Xml.NAMESPACE)
                    .element("LastModified", iso(p.lastModified())).element("ETag", p.etag()).end();
            ApiResponse.Builder out = ApiResponse.status(200);
            ObjectResponses.encryption(out, p.encryption());
            return out.body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
        } finally {
            sourceKey.ifPresent(SseCustomerKey::close);
            customerKey.ifPresent(SseCustomerKey::close);
        }
    }

    ApiResponse complete(ApiRequest request, String bucket, String key) throws IOException {
        Headers h = request.headers();
        byte[] body = RequestBodies.readSmall(request.body(), MAX_COMPLETE_BODY_BYTES);
        SafeXml.Element root;
        try {
            root = SafeXml.parse(body, 8 * (MultipartUploads.MAX_PARTS + 1));
        } catch (SafeXml.MalformedXmlException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
        }
        if (!root.name().equals("CompleteMultipartUpload")) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket);
        }
        List<MultipartRequests.CompletedPart> parts = new ArrayList<>();
        for (SafeXml.Element p : root.all("Part")) {
            int n = ObjectReadHandlers.partNumber(p.childText("PartNumber")
                    .orElseThrow(() -> S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket)));
            parts.add(new MultipartRequests.CompletedPart(n, p.childText("ETag")
                    .orElseThrow(() -> S3Exception.of(S3ErrorCode.MALFORMED_XML, bucket))));
        }
        Optional<SseCustomerKey> customerKey = ObjectRequests.customerKey(h);
        try {
            MultipartRequests.Completed c = uploads.complete(request.principal(), new MultipartRequests.Complete(bucket,
                    key, uploadId(request), parts, customerKey, request.context().secure(),
                    ObjectRequests.preconditions(h)));
            XmlWriter xml = new XmlWriter().start("CompleteMultipartUploadResult", S3Xml.NAMESPACE)
                    .element("Location", "/" + bucket + "/" + key).element("Bucket", bucket).element("Key", key)
                    .element("ETag", c.etag());
            c.checksum().ifPresent(cs -> xml.element("Checksum" + cs.algorithm().toUpperCase(Locale.ROOT), cs.value())
                    .element("ChecksumType", cs.type()));
            xml.end();
            ApiResponse.Builder out = ApiResponse.status(200);
            ObjectResponses.encryption(out, c.encryption());
            return out.body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
        } finally {
            customerKey.ifPresent(SseCustomerKey::close);
        }
    }

    ApiResponse abort(ApiRequest request, String bucket, String key) {
        uploads.abort(request.principal(), bucket, key, uploadId(request));
        return ApiResponse.status(204).build();
    }

    ApiResponse listParts(ApiRequest request, String bucket, String key) {
        MultipartRequests.PartListing l = uploads.listParts(request.principal(), bucket, key, uploadId(request),
                request.query().first("max-parts").map(ObjectReadHandlers::partNumber),
                request.query().first("part-number-marker").map(ObjectReadHandlers::partNumber));
        XmlWriter xml = new XmlWriter().start("ListPartsResult", S3Xml.NAMESPACE)
                .element("Bucket", bucket).element("Key", key).element("UploadId", l.upload().uploadId())
                .start("Initiator").element("ID", l.upload().ownerAccountId()).end()
                .start("Owner").element("ID", l.upload().ownerAccountId()).end()
                .element("StorageClass", l.upload().storageClass())
                .element("PartNumberMarker", request.query().first("part-number-marker").orElse("0"));
        l.nextPartNumberMarker().ifPresent(n -> xml.element("NextPartNumberMarker", n));
        xml.element("MaxParts", l.maxParts()).element("IsTruncated", Boolean.toString(l.truncated()));
        l.upload().checksumAlgorithm().ifPresent(a -> xml.element("ChecksumAlgorithm", a));
        l.upload().checksumType().ifPresent(t -> xml.element("ChecksumType", t));
        for (MultipartRequests.Part p : l.parts()) {
            xml.start("Part").element("PartNumber", p.partNumber()).element("LastModified", iso(p.lastModified()))
                    .element("ETag", p.etag()).element("Size", p.size());
            p.checksum().ifPresent(c -> xml.element("Checksum" + c.algorithm().toUpperCase(Locale.ROOT), c.value()));
            xml.end();
        }
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    ApiResponse listUploads(ApiRequest request, String bucket) {
        String prefix = request.query().first("prefix").orElse("");
        Optional<String> delimiter = request.query().first("delimiter").filter(s -> !s.isEmpty());
        Optional<String> keyMarker = request.query().first("key-marker").filter(s -> !s.isEmpty());
        Optional<String> uploadIdMarker = request.query().first("upload-id-marker").filter(s -> !s.isEmpty());
        UnaryOperator<String> enc = ListingHandlers.encoder(request.query());
        MultipartRequests.UploadListing l = uploads.listUploads(request.principal(), bucket, prefix, delimiter,
                keyMarker, uploadIdMarker, request.query().first("max-uploads").map(ObjectReadHandlers::partNumber));
        XmlWriter xml = new XmlWriter().start("ListMultipartUploadsResult", S3Xml.NAMESPACE)
                .element("Bucket", bucket)
                .elementOrEmpty("KeyMarker", enc.apply(keyMarker.orElse("")))
                .elementOrEmpty("UploadIdMarker", uploadIdMarker.orElse(""));
        l.nextKeyMarker().ifPresent(m -> xml.element("NextKeyMarker", enc.apply(m)));
        l.nextUploadIdMarker().ifPresent(m -> xml.element("NextUploadIdMarker", m));
        if (!prefix.isEmpty()) {
            xml.element("Prefix", enc.apply(prefix));
        }
        delimiter.ifPresent(d -> xml.element("Delimiter", enc.apply(d)));
        xml.element("MaxUploads", l.maxUploads()).element("IsTruncated", Boolean.toString(l.truncated()));
        for (MultipartRequests.Upload u : l.uploads()) {
            xml.start("Upload").element("Key", enc.apply(u.key())).element("UploadId", u.uploadId())
                    .start("Initiator").element("ID", u.ownerAccountId()).end()
                    .start("Owner").element("ID", u.ownerAccountId()).end()
                    .element("StorageClass", u.storageClass()).element("Initiated", iso(u.initiated()));
            u.checksumAlgorithm().ifPresent(a -> xml.element("ChecksumAlgorithm", a));
            u.checksumType().ifPresent(t -> xml.element("ChecksumType", t));
            xml.end();
        }
        for (String p : l.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", enc.apply(p)).end();
        }
        request.query().first("encoding-type").ifPresent(e -> xml.element("EncodingType", e));
        xml.end();
        return ApiResponse.status(200).body(S3Xml.CONTENT_TYPE, xml.toBytes()).build();
    }

    private static String uploadId(ApiRequest request) {
        return request.query().first("uploadId").filter(s -> !s.isEmpty())
                .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "This operation needs an uploadId"));
    }

    private static int partNumber(ApiRequest request) {
        return ObjectReadHandlers.partNumber(request.query().first("partNumber").orElseThrow(() ->
                new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, "
                        + "inclusive")));
    }

    static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
