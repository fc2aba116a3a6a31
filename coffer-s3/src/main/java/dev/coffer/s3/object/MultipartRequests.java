package dev.coffer.s3.object;

import dev.coffer.s3.sse.ResponseEncryption;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.s3.sse.SseRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The requests and results of {@link MultipartUploads}. */
public final class MultipartRequests {
    private MultipartRequests() {}

    /**
     * CreateMultipartUpload.
     *
     * @param checksumAlgorithm {@code x-amz-checksum-algorithm}: the parts' checksum, and the object's
     * @param checksumType {@code x-amz-checksum-type}: COMPOSITE or FULL_OBJECT
     */
    public record Create(String bucket, String key, ObjectHeaders headers, Optional<String> storageClass, SseRequest sse,
            Optional<SseCustomerKey> customerKey, boolean secureTransport, Optional<String> checksumAlgorithm,
            Optional<String> checksumType) {
        public Create {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(storageClass, "storageClass");
            Objects.requireNonNull(sse, "sse");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(checksumAlgorithm, "checksumAlgorithm");
            Objects.requireNonNull(checksumType, "checksumType");
        }
    }

    public record Created(String uploadId, ResponseEncryption encryption, Optional<String> checksumAlgorithm,
            Optional<String> checksumType) {}

    /** UploadPart (and UploadPartCopy, whose body is the source range). */
    public record UploadPart(String bucket, String key, String uploadId, int partNumber,
            Optional<SseCustomerKey> customerKey, boolean secureTransport, UploadBody body) {
        public UploadPart {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(body, "body");
        }
    }

    /** @param etag quoted */
    public record PartUploaded(String etag, Optional<Checksum> checksum, ResponseEncryption encryption,
            Instant lastModified) {}

    /** One {@code <Part>} of CompleteMultipartUpload. */
    public record CompletedPart(int partNumber, String etag) {}

    public record Complete(String bucket, String key, String uploadId, List<CompletedPart> parts,
            Optional<SseCustomerKey> customerKey, boolean secureTransport, Preconditions preconditions) {
        public Complete {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            parts = List.copyOf(parts);
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(preconditions, "preconditions");
        }
    }

    /** @param etag quoted, {@code "…-N"} */
    public record Completed(String etag, Optional<Checksum> checksum, ResponseEncryption encryption) {}

    /** One upload in progress, as ListMultipartUploads and ListParts describe it. */
    public record Upload(String uploadId, String key, Instant initiated, String storageClass, String ownerAccountId,
            Optional<String> checksumAlgorithm, Optional<String> checksumType) {}

    /** One part, as ListParts describes it; {@code etag} quoted. */
    public record Part(int partNumber, String etag, long size, Instant lastModified, Optional<Checksum> checksum) {}

    public record PartListing(Upload upload, List<Part> parts, int maxParts, Optional<Integer> nextPartNumberMarker) {
        public boolean truncated() {
            return nextPartNumberMarker.isPresent();
        }
    }

    /**
     * A page of ListMultipartUploads: uploads and, with a delimiter, the common prefixes that stand for the uploads
     * under them (each counts once toward max-uploads).
     *
     * @param nextKeyMarker where the next page starts, when truncated: the last upload's key or common prefix
     * @param nextUploadIdMarker the last upload's id, when the page ends on an upload
     */
    public record UploadListing(List<Upload> uploads, List<String> commonPrefixes, int maxUploads,
            Optional<String> nextKeyMarker, Optional<String> nextUploadIdMarker) {
        public boolean truncated() {
            return nextKeyMarker.isPresent();
        }
    }
}
