package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.object.Checksum;
import dev.coffer.s3.object.ObjectHeaders;
import dev.coffer.s3.object.Preconditions;
import dev.coffer.s3.object.UploadBody;
import dev.coffer.s3.sse.KmsContexts;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.s3.sse.SseRequest;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.VerifiedBody;
import dev.coffer.sigv4.VerifiedRequest;
import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Request headers of object operations, turned into the domain's typed records. */
final class ObjectRequests {
    private static final String META = "x-amz-meta-";

    private ObjectRequests() {}

    static ObjectHeaders objectHeaders(Headers h) {
        LinkedHashMap<String, String> user = new LinkedHashMap<>();
        for (String name : h.names()) {
            if (name.startsWith(META) && name.length() > META.length()) {
                user.put(name.substring(META.length()), String.join(",", h.all(name)));
            }
        }
        return new ObjectHeaders(h.first("content-type"),
                h.first("content-encoding").flatMap(VerifiedRequest::storedContentEncoding),
                h.first("content-disposition"), h.first("content-language"), h.first("cache-control"),
                h.first("expires"), user);
    }

    /** The SSE-C key of {@code x-amz-server-side-encryption-customer-*}, checked; empty if none was sent. */
    static Optional<SseCustomerKey> customerKey(Headers h) {
        return SseCustomerKey.parse(h.first("x-amz-server-side-encryption-customer-algorithm"),
                h.first("x-amz-server-side-encryption-customer-key"),
                h.first("x-amz-server-side-encryption-customer-key-md5"));
    }

    /** The encryption headers of a write (none: the bucket's default applies). */
    static SseRequest sseRequest(Headers h) {
        return new SseRequest(h.first("x-amz-server-side-encryption"),
                h.first("x-amz-server-side-encryption-aws-kms-key-id"),
                h.first("x-amz-server-side-encryption-context").map(KmsContexts::parseHeader),
                h.first("x-amz-server-side-encryption-bucket-key-enabled").map(v -> v.strip().equalsIgnoreCase("true")));
    }

    /** The SSE-C key of a copy's source ({@code x-amz-copy-source-server-side-encryption-customer-*}). */
    static Optional<SseCustomerKey> copySourceCustomerKey(Headers h) {
        return SseCustomerKey.parse(h.first("x-amz-copy-source-server-side-encryption-customer-algorithm"),
                h.first("x-amz-copy-source-server-side-encryption-customer-key"),
                h.first("x-amz-copy-source-server-side-encryption-customer-key-md5"));
    }

    /** The {@code x-amz-copy-source-if-*} conditions. */
    static Preconditions copySourcePreconditions(Headers h) {
        return new Preconditions(h.first("x-amz-copy-source-if-match"), h.first("x-amz-copy-source-if-none-match"),
                httpDate(h.first("x-amz-copy-source-if-modified-since")),
                httpDate(h.first("x-amz-copy-source-if-unmodified-since")));
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=…]}, URL-encoded. */
    static String[] copySource(Headers h) {
        String v = h.first("x-amz-copy-source").orElseThrow().strip();
        int q = v.indexOf('?');
        if (q >= 0) {
            String query = v.substring(q + 1);
            if (query.startsWith("versionId=") && !query.equals("versionId=null")) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified");
            }
            v = v.substring(0, q);
        }
        String decoded = S3Router.decodePath(v.startsWith("/") ? v.substring(1) : v);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: "
                    + "sourcebucket/sourcekey");
        }
        return new String[] {decoded.substring(0, slash), decoded.substring(slash + 1)};
    }

    static Preconditions preconditions(Headers h) {
        return new Preconditions(h.first("if-match"), h.first("if-none-match"), httpDate(h.first("if-modified-since")),
                httpDate(h.first("if-unmodified-since")));
    }

    /** An HTTP date (RFC 1123, as S3 sends and takes them); one that does not parse is ignored, as S3 does. */
    static Optional<Instant> httpDate(Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.get().strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Unversioned buckets have one version of each object, "null"; any other id names nothing. */
    static void checkVersionId(ApiRequest request) {
        Optional<String> versionId = request.query().first("versionId");
        if (versionId.isPresent() && !versionId.get().equals("null")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified");
        }
    }

    /** The verified request body as the domain sees an upload. */
    static UploadBody upload(ApiRequest request) {
        if (!(request.body() instanceof VerifiedBody body)) {
            throw new IllegalStateException("S3 bodies are verified bodies");
        }
        Headers h = request.headers();
        long declared = h.first("x-amz-decoded-content-length").or(() -> h.first("content-length"))
                .map(ObjectRequests::parseLength).orElse(-1L);
        return new UploadBody() {
            @Override
            public InputStream stream() {
                return body;
            }

            @Override
            public long declaredLength() {
                return declared;
            }

            @Override
            public Optional<Checksum> checksum() {
                // The authenticator computes the declared checksum, or CRC64NVME when none was declared.
                Map<ChecksumAlgorithm, String> computed = body.checksums();
                return computed.entrySet().stream().findFirst()
                        .map(e -> new Checksum(e.getKey().algorithmName(), e.getValue()));
            }

            @Override
            public Optional<byte[]> contentMd5() {
                return body.contentMd5();
            }
        };
    }

    private static long parseLength(String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
