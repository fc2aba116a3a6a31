package dev.coffer.server.s3;

import dev.coffer.s3.object.ObjectContent;
import dev.coffer.s3.object.ObjectHeaders;
import dev.coffer.s3.object.StoredObject;
import dev.coffer.s3.sse.ResponseEncryption;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.QueryParams;
import dev.coffer.sigv4.Headers;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Response headers of object operations, from the domain's results. */
final class ObjectResponses {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private ObjectResponses() {}

    static void encryption(ApiResponse.Builder out, ResponseEncryption e) {
        e.serverSideEncryption().ifPresent(v -> out.header("x-amz-server-side-encryption", v));
        e.customerAlgorithm().ifPresent(v -> out.header("x-amz-server-side-encryption-customer-algorithm", v));
        e.customerKeyMd5().ifPresent(v -> out.header("x-amz-server-side-encryption-customer-key-MD5", v));
        e.kmsKeyArn().ifPresent(v -> out.header("x-amz-server-side-encryption-aws-kms-key-id", v));
        if (e.bucketKeyEnabled()) {
            out.header("x-amz-server-side-encryption-bucket-key-enabled", "true");
        }
    }

    /** Writes (PUT, copy, CreateMultipartUpload) also echo the SSE-KMS encryption context. */
    static void writeEncryption(ApiResponse.Builder out, ResponseEncryption e) {
        encryption(out, e);
        e.kmsContext().ifPresent(v -> out.header("x-amz-server-side-encryption-context", v));
    }

    static void checksum(ApiResponse.Builder out, java.util.Optional<dev.coffer.s3.object.Checksum> checksum) {
        checksum.ifPresent(c -> {
            out.header("x-amz-checksum-" + c.algorithm().toLowerCase(Locale.ROOT), c.value());
            out.header("x-amz-checksum-type", c.type());
        });
    }

    /**
     * The headers GET and HEAD share: metadata (with {@code response-*} overrides), ETag, dates, checksum (only
     * when asked for with {@code x-amz-checksum-mode: ENABLED} and the whole object is served), encryption.
     */
    static void objectHeaders(ApiResponse.Builder out, ObjectContent content, Headers request, QueryParams query) {
        StoredObject o = content.object();
        ObjectHeaders h = content.headers();
        out.header("Last-Modified", HTTP_DATE.format(o.lastModified()));
        out.header("ETag", o.quotedEtag());
        out.header("Accept-Ranges", "bytes");
        out.header("Content-Type", override(query, "response-content-type", h.contentType())
                .orElse(ObjectHeaders.DEFAULT_CONTENT_TYPE));
        override(query, "response-content-encoding", h.contentEncoding()).ifPresent(v -> out.header("Content-Encoding", v));
        override(query, "response-content-disposition", h.contentDisposition())
                .ifPresent(v -> out.header("Content-Disposition", v));
        override(query, "response-content-language", h.contentLanguage())
                .ifPresent(v -> out.header("Content-Language", v));
        override(query, "response-cache-control", h.cacheControl()).ifPresent(v -> out.header("Cache-Control", v));
        override(query, "response-expires", h.expires()).ifPresent(v -> out.header("Expires", v));
        h.userMetadata().forEach((k, v) -> out.header("x-amz-meta-" + k, v));
        if (!o.storageClass().equals("STANDARD")) {
            out.header("x-amz-storage-class", o.storageClass());
        }
        boolean checksumMode = request.first("x-amz-checksum-mode").filter("ENABLED"::equalsIgnoreCase).isPresent();
        if (checksumMode && content.range().isEmpty()) {
            checksum(out, o.checksum());
        }
        if (o.partCount() > 0) {
            out.header("x-amz-mp-parts-count", Integer.toString(o.partCount()));
        }
        encryption(out, content.encryption());
    }

    private static Optional<String> override(QueryParams query, String parameter, Optional<String> stored) {
        return query.first(parameter).or(() -> stored);
    }

    static String httpDate(java.time.Instant t) {
        return HTTP_DATE.format(t);
    }
}
