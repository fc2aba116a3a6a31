package dev.coffer.server.s3;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.server.http.QueryParams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names the S3 operation of a request, once, from its method, virtual host, path and sub-resources.
 *
 * <p>A request addressed to {@code <bucket>.<domain>} for one of the configured domains is
 * virtual-hosted-style; anything else (an IP address, {@code localhost} itself) is path-style.
 */
public final class S3Router {
    /** Query parameters that select a bucket or object sub-resource rather than filter a listing. */
    private static final Set<String> SUB_RESOURCES = Set.of("accelerate", "acl", "analytics", "attributes",
            "cors", "delete", "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "location",
            "logging", "metadataConfiguration", "metrics", "notification", "object-lock", "ownershipControls", "policy",
            "policyStatus", "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select",
            "session", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    private final List<String> domains;

    /** @param domains host names under which virtual-hosted-style buckets are addressed, e.g. "localhost" */
    public S3Router(List<String> domains) {
        this.domains = List.copyOf(domains);
    }

    public S3Target route(String method, String host, String rawPath, QueryParams query) {
        return route(method, host, rawPath, query, false);
    }

    /** @param copySource whether the request carries {@code x-amz-copy-source} (CopyObject, UploadPartCopy) */
    public S3Target route(String method, String host, String rawPath, QueryParams query, boolean copySource) {
        Optional<String> bucket = bucketFromHost(host);
        String path = decodePath(rawPath);
        String rest = path.startsWith("/") ? path.substring(1) : path;
        Optional<String> key;
        if (bucket.isPresent()) {
            key = rest.isEmpty() ? Optional.empty() : Optional.of(rest);
        } else if (rest.isEmpty()) {
            key = Optional.empty();
        } else {
            int slash = rest.indexOf('/');
            bucket = Optional.of(slash < 0 ? rest : rest.substring(0, slash));
            String k = slash < 0 ? "" : rest.substring(slash + 1);
            key = k.isEmpty() ? Optional.empty() : Optional.of(k);
        }
        if (bucket.isEmpty()) {
            if (method.equals("GET")) {
                return new S3Target(S3Operation.LIST_BUCKETS, bucket, key);
            }
            throw S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED, "/");
        }
        if (key.isPresent()) {
            return new S3Target(objectOperation(method, query, bucket.get() + "/" + key.get(), copySource), bucket, key);
        }
        return new S3Target(bucketOperation(method, query, bucket.get()), bucket, key);
    }

    private static S3Operation bucketOperation(String method, QueryParams query, String bucket) {
        Optional<String> sub = query.names().stream().filter(SUB_RESOURCES::contains).findFirst();
        return switch (method) {
            case "PUT" -> switch (sub.orElse("")) {
                case "" -> S3Operation.CREATE_BUCKET;
                case "encryption" -> S3Operation.PUT_BUCKET_ENCRYPTION;
                default -> throwNotImplemented(bucket);
            };
            case "HEAD" -> S3Operation.HEAD_BUCKET;
            case "DELETE" -> switch (sub.orElse("")) {
                case "" -> S3Operation.DELETE_BUCKET;
                case "encryption" -> S3Operation.DELETE_BUCKET_ENCRYPTION;
                default -> throwNotImplemented(bucket);
            };
            case "GET" -> switch (sub.orElse("")) {
                case "encryption" -> S3Operation.GET_BUCKET_ENCRYPTION;
                case "uploads" -> S3Operation.LIST_MULTIPART_UPLOADS;
                case "" -> query.first("list-type").filter("2"::equals).isPresent()
                        ? S3Operation.LIST_OBJECTS_V2 : S3Operation.LIST_OBJECTS;
                case "location" -> S3Operation.GET_BUCKET_LOCATION;
                case "versions" -> S3Operation.LIST_OBJECT_VERSIONS;
                case "versioning" -> S3Operation.GET_BUCKET_VERSIONING;
                default -> throwNotImplemented(bucket);
            };
            case "POST" -> sub.filter("delete"::equals).isPresent()
                    ? S3Operation.DELETE_OBJECTS : throwNotImplemented(bucket);
            default -> throw S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED, bucket);
        };
    }

    /**
     * An object request. {@code versionId} selects a version, which handlers check (unversioned buckets only have
     * "null"); other sub-resources (tagging, acl, multipart uploads, …) are not implemented yet.
     */
    private static S3Operation objectOperation(String method, QueryParams query, String resource, boolean copySource) {
        Optional<String> sub = query.names().stream()
                .filter(n -> SUB_RESOURCES.contains(n) && !n.equals("versionId")).findFirst();
        return switch (method) {
            case "PUT" -> switch (sub.orElse("")) {
                case "" -> copySource ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
                case "uploadId" -> copySource ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
                default -> throwNotImplemented(resource);
            };
            case "GET" -> switch (sub.orElse("")) {
                case "" -> S3Operation.GET_OBJECT;
                case "attributes" -> S3Operation.GET_OBJECT_ATTRIBUTES;
                case "uploadId" -> S3Operation.LIST_PARTS;
                default -> throwNotImplemented(resource);
            };
            case "HEAD" -> sub.isEmpty() ? S3Operation.HEAD_OBJECT : throwNotImplemented(resource);
            case "DELETE" -> sub.isEmpty() ? S3Operation.DELETE_OBJECT
                    : sub.get().equals("uploadId") ? S3Operation.ABORT_MULTIPART_UPLOAD : throwNotImplemented(resource);
            case "POST" -> switch (sub.orElse("")) {
                case "uploads" -> S3Operation.CREATE_MULTIPART_UPLOAD;
                case "uploadId" -> S3Operation.COMPLETE_MULTIPART_UPLOAD;
                default -> throwNotImplemented(resource);
            };
            default -> throw S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED, resource);
        };
    }

    private static S3Operation throwNotImplemented(String resource) {
        throw notImplemented(resource);
    }

    private static S3Exception notImplemented(String resource) {
        return new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                "This operation is not implemented by this server yet.", resource);
    }

    private Optional<String> bucketFromHost(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (String domain : domains) {
            if (h.length() > domain.length() + 1 && h.endsWith(domain) && h.charAt(h.length() - domain.length() - 1) == '.') {
                return Optional.of(h.substring(0, h.length() - domain.length() - 1));
            }
        }
        return Optional.empty();
    }

    /** Percent-decodes a path once, as UTF-8; '+' stays '+', as S3 treats it in paths. */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw S3Exception.of(S3ErrorCode.INVALID_URI, raw);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw S3Exception.of(S3ErrorCode.INVALID_URI, raw);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = raw.codePointAt(i);
                byte[] b = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
