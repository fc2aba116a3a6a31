package dev.coffer.s3.object;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.stream.BodyCipher;
import dev.coffer.crypto.stream.BodyParameters;
import dev.coffer.iam.Principal;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.BucketEncryption;
import dev.coffer.s3.bucket.Buckets;
import dev.coffer.s3.object.MultipartRequests.Complete;
import dev.coffer.s3.object.MultipartRequests.CompletedPart;
import dev.coffer.s3.object.UploadTable.StoredUpload;
import dev.coffer.s3.sse.IssuedKey;
import dev.coffer.s3.sse.ObjectBinding;
import dev.coffer.s3.sse.SseMode;
import dev.coffer.s3.sse.SseModes;
import dev.coffer.store.BlobId;
import dev.coffer.store.BlobStore;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.PendingBlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts,
 * ListMultipartUploads.
 *
 * <p>The encryption of the object is fixed at creation: the mode issues the object's data key then, and every
 * part is a {@code BodyCipher} stream under it (each stream derives its own key from a random salt, so every
 * part has its own key) bound to the object and its part number ({@code "part N"}). Completion re-encrypts and
 * copies nothing: the object's row points to the chosen parts' blobs ({@code object_parts}); the blobs of parts
 * not chosen, of a replaced part and of an aborted upload are released after the commit that orphans them.
 */
public final class MultipartUploads {
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    public static final long MAX_PART_BYTES = 5L * 1024 * 1024 * 1024;
    public static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024 * 1024;
    public static final int MAX_PARTS = 10_000;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Buckets buckets;
    private final BucketEncryption encryption;
    private final SseModes sse;
    private final ObjectWrites writes;
    private final InstantSource clock;
    private final SecureRandom random;

    public MultipartUploads(MetadataStore store, BlobStore blobs, Buckets buckets, BucketEncryption encryption,
            SseModes sse, ObjectWrites writes, InstantSource clock, SecureRandom random) {
        this.store = store;
        this.blobs = blobs;
        this.buckets = buckets;
        this.encryption = encryption;
        this.sse = sse;
        this.writes = writes;
        this.clock = clock;
        this.random = random;
    }

    public MultipartRequests.Created create(Principal caller, MultipartRequests.Create r) {
        buckets.require(caller, r.bucket());
        String key = ObjectKeys.require(r.key());
        String storageClass = ObjectKeys.storageClass(r.storageClass());
        ObjectHeaders headers = r.headers().checkLimits();
        Optional<String> algorithm = r.checksumAlgorithm().map(a -> a.toUpperCase(java.util.Locale.ROOT));
        if (algorithm.isPresent() && !Checksum.ALGORITHMS.contains(algorithm.get())) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum algorithm provided is unsupported.");
        }
        Optional<String> type = algorithm.map(a -> r.checksumType().orElse(
                a.equals("CRC64NVME") ? Checksum.FULL_OBJECT : Checksum.COMPOSITE));
        SseMode mode = sse.forWrite(caller, encryption.configurationOf(r.bucket()), r.sse(), r.customerKey(),
                r.secureTransport());
        ObjectBinding where = new ObjectBinding(r.bucket(), key, ObjectWrites.newVersionId(random));
        String uploadId = newUploadId(clock.millis(), random);
        try (IssuedKey issued = mode.issue(where, BodyCipher.FORMAT_VERSION,
                BodyParameters.DEFAULT.ciphertextSegmentSize())) {
            MultipartRequests.Upload upload = new MultipartRequests.Upload(uploadId, key,
                    Instant.ofEpochMilli(clock.millis()), storageClass, caller.accountId(), algorithm, type);
            StoredUpload stored = new StoredUpload(upload, r.bucket(), where.versionId(),
                    MetadataSeal.seal(issued.dataKey(), where, headers, random), issued.record());
            store.write(c -> {
                UploadTable.insert(c, stored);
                return null;
            });
            return new MultipartRequests.Created(uploadId, mode.describe(issued.record()), algorithm, type);
        }
    }

    public MultipartRequests.PartUploaded uploadPart(Principal caller, MultipartRequests.UploadPart r) {
        buckets.require(caller, r.bucket());
        if (r.partNumber() < 1 || r.partNumber() > MAX_PARTS) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "Part number must be an integer between 1 and 10000, inclusive");
        }
        if (r.body().declaredLength() > MAX_PART_BYTES) {
            throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size")
                    .withDetail("MaxSizeAllowed", Long.toString(MAX_PART_BYTES));
        }
        StoredUpload u = require(r.bucket(), r.key(), r.uploadId());
        SseMode mode = sse.forRead(caller, u.encryption(), r.customerKey(), r.secureTransport());
        ObjectBinding where = new ObjectBinding(u.bucket(), u.upload().key(), u.versionId());
        Optional<Secret> outer = mode.outerKey(u.encryption(), where);
        try (Secret dek = mode.unwrap(u.encryption(), where); PendingBlob pending = blobs.create()) {
            Bodies.Written written = Bodies.write(r.body(), pending.outputStream(), dek, outer, where,
                    "part " + r.partNumber(), random, MAX_PART_BYTES, mode.etagIsContentMd5());
            String etag = ObjectWrites.etag(written.md5(), random);
            Optional<Checksum> checksum = r.body().checksum()
                    .filter(c -> u.upload().checksumAlgorithm().map(c.algorithm()::equals).orElse(false));
            BlobId blob = pending.commit();
            Instant now = Instant.ofEpochMilli(clock.millis());
            PartTable.StoredPart part = new PartTable.StoredPart(r.partNumber(), blob, written.size(), etag, now,
                    checksum.map(Checksum::value));
            Optional<BlobId> replaced;
            try {
                replaced = store.write(c -> {
                    if (UploadTable.find(c, r.uploadId()).isEmpty()) {
                        throw noSuchUpload(r.uploadId()); // completed or aborted meanwhile
                    }
                    return PartTable.putUploadPart(c, r.uploadId(), part);
                });
            } catch (RuntimeException e) {
                writes.deleteQuietly(blob);
                throw e;
            }
            replaced.ifPresent(writes::deleteQuietly);
            return new MultipartRequests.PartUploaded("\"" + etag + "\"", checksum, mode.describe(u.encryption()), now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            outer.ifPresent(Secret::close);
        }
    }

    public MultipartRequests.Completed complete(Principal caller, Complete r) {
        buckets.require(caller, r.bucket());
        StoredUpload u = require(r.bucket(), r.key(), r.uploadId());
        SseMode mode = sse.forRead(caller, u.encryption(), r.customerKey(), r.secureTransport());
        if (r.parts().isEmpty()) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        for (int i = 1; i < r.parts().size(); i++) {
            if (r.parts().get(i).partNumber() <= r.parts().get(i - 1).partNumber()) {
                throw new S3Exception(S3ErrorCode.INVALID_PART_ORDER);
            }
        }
        List<BlobId> released = new ArrayList<>();
        StoredObject object = store.write(c -> {
            released.clear();
            if (UploadTable.find(c, r.uploadId()).isEmpty()) {
                throw noSuchUpload(r.uploadId());
            }
            Map<Integer, PartTable.StoredPart> uploaded = PartTable.uploadParts(c, r.uploadId(), 0, MAX_PARTS + 1)
                    .stream().collect(Collectors.toMap(PartTable.StoredPart::partNumber, Function.identity()));
            List<PartTable.StoredPart> chosen = choose(r.parts(), uploaded);
            long size = chosen.stream().mapToLong(PartTable.StoredPart::size).sum();
            if (size > MAX_OBJECT_BYTES) {
                throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE);
            }
            StoredObject o = new StoredObject(r.bucket(), u.upload().key(), u.versionId(), StoredObject.MULTIPART_BLOB,
                    size, multipartEtag(chosen), Instant.ofEpochMilli(clock.millis()), u.upload().storageClass(),
                    compositeChecksum(u.upload(), chosen), u.sealedMetadata(), u.encryption(), chosen.size());
            r.preconditions().checkWrite(ObjectTable.find(c, o.bucket(), o.key()), o.key());
            released.addAll(ObjectTable.delete(c, o.bucket(), o.key()));
            ObjectTable.upsert(c, o);
            for (PartTable.StoredPart p : chosen) {
                PartTable.insertObjectPart(c, o, p);
                uploaded.remove(p.partNumber());
            }
            uploaded.values().forEach(p -> released.add(p.blobId()));
            PartTable.deleteUploadParts(c, r.uploadId());
            UploadTable.delete(c, r.uploadId());
            return o;
        });
        released.forEach(writes::deleteQuietly);
        return new MultipartRequests.Completed(object.quotedEtag(), object.checksum(), mode.describe(u.encryption()));
    }

    private static List<PartTable.StoredPart> choose(List<CompletedPart> wanted, Map<Integer, PartTable.StoredPart> uploaded) {
        List<PartTable.StoredPart> chosen = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            CompletedPart w = wanted.get(i);
            PartTable.StoredPart p = uploaded.get(w.partNumber());
            if (p == null || !Preconditions.matches(w.etag(), p.etag())) {
                throw new S3Exception(S3ErrorCode.INVALID_PART).withDetail("UploadId", "")
                        .withDetail("PartNumber", Integer.toString(w.partNumber()))
                        .withDetail("ETag", w.etag());
            }
            if (i < wanted.size() - 1 && p.size() < MIN_PART_BYTES) {
                throw new S3Exception(S3ErrorCode.ENTITY_TOO_SMALL)
                        .withDetail("ProposedSize", Long.toString(p.size()))
                        .withDetail("MinSizeAllowed", Long.toString(MIN_PART_BYTES))
                        .withDetail("PartNumber", Integer.toString(p.partNumber()))
                        .withDetail("ETag", "\"" + p.etag() + "\"");
            }
            chosen.add(p);
        }
        return chosen;
    }

    /** S3's multipart ETag: the MD5 of the concatenated binary part ETags, then "-" and the part count. */
    static String multipartEtag(List<PartTable.StoredPart> parts) {
        MessageDigest md5 = ObjectWrites.md5();
        for (PartTable.StoredPart p : parts) {
            md5.update(HexFormat.of().parseHex(p.etag()));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
    }

    /** A COMPOSITE checksum: the checksum of the concatenated binary part checksums, then "-N". */
    static Optional<Checksum> compositeChecksum(MultipartRequests.Upload u, List<PartTable.StoredPart> parts) {
        if (u.checksumAlgorithm().isEmpty() || parts.stream().anyMatch(p -> p.checksumValue().isEmpty())) {
            return Optional.empty();
        }
        String algorithm = u.checksumAlgorithm().get();
        if (!Checksum.COMPOSITE.equals(u.checksumType().orElse(""))) {
            return FullObjectChecksums.combine(algorithm, parts);
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        parts.forEach(p -> all.writeBytes(Base64.getDecoder().decode(p.checksumValue().get())));
        return Optional.of(new Checksum(algorithm, Base64.getEncoder().encodeToString(
                FullObjectChecksums.digest(algorithm, all.toByteArray())) + "-" + parts.size(), Checksum.COMPOSITE));
    }

    public void abort(Principal caller, String bucket, String key, String uploadId) {
        buckets.require(caller, bucket);
        require(bucket, key, uploadId);
        List<BlobId> released = store.write(c -> {
            List<BlobId> out = new ArrayList<>();
            PartTable.uploadParts(c, uploadId, 0, MAX_PARTS + 1).forEach(p -> out.add(p.blobId()));
            PartTable.deleteUploadParts(c, uploadId);
            UploadTable.delete(c, uploadId);
            return out;
        });
        released.forEach(writes::deleteQuietly);
    }

    public MultipartRequests.PartListing listParts(Principal caller, String bucket, String key, String uploadId,
            Optional<Integer> maxParts, Optional<Integer> partNumberMarker) {
        buckets.require(caller, bucket);
        StoredUpload u = require(bucket, key, uploadId);
        int max = Math.min(maxParts.orElse(1000), 1000);
        List<PartTable.StoredPart> parts = store.read(c -> PartTable.uploadParts(c, uploadId,
                partNumberMarker.orElse(0), max + 1));
        Optional<Integer> next = Optional.empty();
        if (parts.size() > max) {
            parts = parts.subList(0, max);
            next = Optional.of(parts.getLast().partNumber());
        }
        List<MultipartRequests.Part> out = parts.stream().map(p -> new MultipartRequests.Part(p.partNumber(),
                "\"" + p.etag() + "\"", p.size(), p.lastModified(), p.checksumValue().map(v ->
                        new Checksum(u.upload().checksumAlgorithm().orElseThrow(), v)))).toList();
        return new MultipartRequests.PartListing(u.upload(), out, max, next);
    }

    /**
     * ListMultipartUploads: uploads under {@code prefix} after the markers, in key order (then initiation), with
     * keys that hold {@code delimiter} after the prefix rolled up into common prefixes, as ListObjects does.
     */
    public MultipartRequests.UploadListing listUploads(Principal caller, String bucket, String prefix,
            Optional<String> delimiter, Optional<String> keyMarker, Optional<String> uploadIdMarker,
            Optional<Integer> maxUploads) {
        buckets.require(caller, bucket);
        int max = Math.min(maxUploads.orElse(1000), 1000);
        String afterKey = keyMarker.orElse("");
        // Without an upload-id-marker, S3 lists from the key after key-marker.
        String afterUpload = keyMarker.isPresent() ? uploadIdMarker.orElse("\uffff") : "";
        List<MultipartRequests.Upload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        boolean[] truncated = {false};
        store.read(c -> {
            UploadTable.scan(c, bucket, prefix, afterKey, afterUpload, u -> {
                Optional<String> rolledUp = delimiter.flatMap(d -> ObjectListings.commonPrefix(u.key(), prefix, d));
                if (rolledUp.isPresent() && ((!prefixes.isEmpty() && prefixes.getLast().equals(rolledUp.get()))
                        || ObjectListings.compareUtf8(rolledUp.get(), afterKey) <= 0)) {
                    return true; // already listed, on this page or an earlier one
                }
                if (uploads.size() + prefixes.size() == max) {
                    truncated[0] = true;
                    return false;
                }
                if (rolledUp.isPresent()) {
                    prefixes.add(rolledUp.get());
                } else {
                    uploads.add(u);
                }
                return true;
            });
            return null;
        });
        if (!truncated[0]) {
            return new MultipartRequests.UploadListing(uploads, prefixes, max, Optional.empty(), Optional.empty());
        }
        // Keys and prefixes interleave in key order; the page ends on whichever sorts last.
        Optional<MultipartRequests.Upload> lastUpload = uploads.isEmpty() ? Optional.empty()
                : Optional.of(uploads.getLast());
        Optional<String> lastPrefix = prefixes.isEmpty() ? Optional.empty() : Optional.of(prefixes.getLast());
        boolean endsOnPrefix = lastPrefix.isPresent() && (lastUpload.isEmpty()
                || ObjectListings.compareUtf8(lastPrefix.get(), lastUpload.get().key()) > 0);
        return endsOnPrefix
                ? new MultipartRequests.UploadListing(uploads, prefixes, max, lastPrefix, Optional.empty())
                : new MultipartRequests.UploadListing(uploads, prefixes, max, lastUpload.map(MultipartRequests.Upload::key),
                        lastUpload.map(MultipartRequests.Upload::uploadId));
    }

    private StoredUpload require(String bucket, String key, String uploadId) {
        return store.read(c -> UploadTable.find(c, uploadId))
                .filter(u -> u.bucket().equals(bucket) && u.upload().key().equals(key))
                .orElseThrow(() -> noSuchUpload(uploadId));
    }

    private static S3Exception noSuchUpload(String uploadId) {
        return new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD).withDetail("UploadId", uploadId);
    }

    /**
     * An upload id that sorts by initiation time: S3 lists the uploads of one key in initiation order and pages
     * them with an upload-id-marker compared lexicographically, so ids must order the same way. Twelve hex
     * digits of the creation millisecond (hex, unlike base64url, sorts like the number), then 24 random bytes.
     */
    static String newUploadId(long millis, SecureRandom random) {
        byte[] id = new byte[24];
        random.nextBytes(id);
        return String.format("%012x", millis) + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
