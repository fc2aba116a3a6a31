package dev.coffer.s3.object;

import dev.coffer.iam.Principal;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.sse.SseAlgorithm;
import dev.coffer.s3.sse.SseCustomerKey;
import dev.coffer.s3.sse.SseRequest;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * CopyObject: reads the source (decrypting it with its own mode, an SSE-C source with the
 * {@code x-amz-copy-source-…} key) and writes the destination as a new object, encrypted as the request (or the
 * destination bucket's default) says — which is how a copy onto itself changes encryption, storage class or
 * metadata. The SSE-KMS encryption context is never carried over. UploadPartCopy reads the same way.
 */
public final class Copies {
    private final ObjectReads reads;
    private final ObjectWrites writes;

    public Copies(ObjectReads reads, ObjectWrites writes) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /**
     * CopyObject.
     *
     * @param replaceMetadata {@code x-amz-metadata-directive: REPLACE}: the destination's metadata is
     *     {@code headers}; otherwise (COPY) the source's
     */
    public record CopyRequest(String sourceBucket, String sourceKey, Optional<SseCustomerKey> sourceCustomerKey,
            Preconditions sourcePreconditions, String bucket, String key, boolean replaceMetadata, ObjectHeaders headers,
            Optional<String> storageClass, SseRequest sse, Optional<SseCustomerKey> customerKey,
            Preconditions preconditions, boolean secureTransport) {
        public CopyRequest {
            Objects.requireNonNull(sourceBucket, "sourceBucket");
            Objects.requireNonNull(sourceKey, "sourceKey");
            Objects.requireNonNull(sourceCustomerKey, "sourceCustomerKey");
            Objects.requireNonNull(sourcePreconditions, "sourcePreconditions");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(storageClass, "storageClass");
            Objects.requireNonNull(sse, "sse");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(preconditions, "preconditions");
        }
    }

    public PutObjectResult copy(Principal caller, CopyRequest r) {
        try (ObjectContent source = open(caller, r.sourceBucket(), r.sourceKey(), Optional.empty(),
                r.sourceCustomerKey(), r.sourcePreconditions(), r.secureTransport())) {
            StoredObject s = source.object();
            boolean self = r.sourceBucket().equals(r.bucket()) && r.sourceKey().equals(r.key());
            if (self && !r.replaceMetadata() && r.sse().isEmpty() && r.customerKey().isEmpty()
                    && r.storageClass().isEmpty()) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is trying "
                        + "to copy an object to itself without changing the object's metadata, storage class, website "
                        + "redirect location or encryption attributes.");
            }
            ObjectHeaders headers = r.replaceMetadata() ? r.headers() : source.headers();
            Optional<String> storageClass = r.storageClass(); // absent: STANDARD, as S3 copies
            InputStream body = source.body().orElseThrow();
            return writes.put(caller, new PutObjectRequest(r.bucket(), r.key(), headers, storageClass, r.sse(),
                    r.customerKey(), r.preconditions(), r.secureTransport(), new UploadBody() {
                        @Override
                        public InputStream stream() {
                            return body;
                        }

                        @Override
                        public long declaredLength() {
                            return s.size();
                        }

                        @Override
                        public Optional<Checksum> checksum() {
                            // A multipart source's composite checksum describes parts the copy does not have.
                            return s.checksum().filter(c -> c.type().equals(Checksum.FULL_OBJECT));
                        }

                        @Override
                        public Optional<byte[]> contentMd5() {
                            // A single-part SSE-S3 object's ETag is its content's MD5 (its body authenticates
                            // as it is read); every other ETag is not.
                            return s.partCount() == 0 && s.encryption().algorithm() == SseAlgorithm.SSE_S3
                                    ? Optional.of(HexFormat.of().parseHex(s.etag())) : Optional.empty();
                        }
                    }));
        }
    }

    /**
     * The source of a copy (or UploadPartCopy), open for reading {@code range}. The {@code x-amz-copy-source-if-*}
     * conditions fail with 412 where GET would answer 304, as S3 does for copies.
     */
    public ObjectContent open(Principal caller, String bucket, String key, Optional<String> range,
            Optional<SseCustomerKey> customerKey, Preconditions conditions, boolean secureTransport) {
        try {
            return reads.get(caller, new GetObjectRequest(bucket, key, range, conditions, customerKey, secureTransport));
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NOT_MODIFIED) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED,
                        "At least one of the pre-conditions you specified did not hold");
            }
            throw e;
        }
    }
}
