package dev.coffer.s3.sse;

import dev.coffer.iam.Principal;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.EncryptionConfiguration;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks the {@link SseMode}: for a write from what the request asks for and the bucket's default encryption, for
 * a read from the stored {@link EncryptionRecord} and the key the request brings. The only place that looks at
 * which mode it is.
 */
public final class SseModes {
    private final SseS3 sseS3;
    private final KmsGateway kms;
    private final BucketKeys bucketKeys;
    private final ManagedKeys managedKeys;
    private final SecureRandom random;
    private final boolean allowSseCOverHttp;

    /** @param allowSseCOverHttp accept SSE-C keys on plain HTTP (S3 never does; for local testing only) */
    public SseModes(SseS3 sseS3, KmsGateway kms, InstantSource clock, SecureRandom random,
            boolean allowSseCOverHttp) {
        this.sseS3 = Objects.requireNonNull(sseS3, "sseS3");
        this.kms = Objects.requireNonNull(kms, "kms");
        this.bucketKeys = new BucketKeys(kms, clock);
        this.managedKeys = new ManagedKeys(kms);
        this.random = Objects.requireNonNull(random, "random");
        this.allowSseCOverHttp = allowSseCOverHttp;
    }

    /**
     * The mode for a new object in a bucket whose default encryption is {@code defaults}.
     *
     * @param request the encryption headers of the request
     * @param customerKey the SSE-C key, if sent
     * @param secureTransport whether the request came over TLS
     */
    public SseMode forWrite(Principal caller, EncryptionConfiguration defaults, SseRequest request,
            Optional<SseCustomerKey> customerKey, boolean secureTransport) {
        if (customerKey.isPresent()) {
            if (request.serverSideEncryption().isPresent()) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with Customer provided "
                        + "key is incompatible with the encryption method specified");
            }
            if (defaults.blockSseC()) {
                // BlockedEncryptionTypes: SSE-C writes are refused; reads of existing SSE-C objects still work.
                throw new S3Exception(S3ErrorCode.ACCESS_DENIED,
                        "Requests specifying Server Side Encryption with Customer provided keys are blocked for this "
                                + "bucket.");
            }
            checkTransport(secureTransport);
            return new SseC(customerKey.get(), random);
        }
        if (request.serverSideEncryption().isEmpty() && (request.kmsKeyId().isPresent() || request.kmsContext().isPresent())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed key "
                    + "requires HTTP header x-amz-server-side-encryption : aws:kms");
        }
        String algorithm = request.serverSideEncryption().orElse(defaults.sseAlgorithm());
        boolean fromDefaults = request.serverSideEncryption().isEmpty() || algorithm.equals(defaults.sseAlgorithm());
        Optional<String> keyId = request.kmsKeyId()
                .or(() -> fromDefaults ? defaults.kmsMasterKeyId() : Optional.empty());
        return switch (algorithm) {
            case "AES256" -> {
                if (request.kmsKeyId().isPresent() || request.kmsContext().isPresent()) {
                    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed "
                            + "key requires HTTP header x-amz-server-side-encryption : aws:kms");
                }
                yield sseS3;
            }
            case "aws:kms" -> new SseKms(kms, bucketKeys, caller, Optional.of(managedKeys.resolve(caller, keyId)),
                    request.kmsContext().orElse(Collections.emptySortedMap()),
                    request.bucketKeyEnabled().orElse(fromDefaults && defaults.bucketKeyEnabled()), random);
            case "aws:kms:dsse" -> {
                if (request.bucketKeyEnabled().orElse(false)) {
                    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                            "Bucket Key is not supported for DSSE-KMS (aws:kms:dsse)");
                }
                yield new DsseKms(new SseKms(kms, bucketKeys, caller, Optional.of(managedKeys.resolve(caller, keyId)),
                        request.kmsContext().orElse(Collections.emptySortedMap()), false, random), sseS3);
            }
            default -> throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "The encryption method specified is not supported");
        };
    }

    /** The mode that opens a stored object, checking the SSE-C key the request brings (or must bring). */
    public SseMode forRead(Principal caller, EncryptionRecord record, Optional<SseCustomerKey> customerKey,
            boolean secureTransport) {
        if (record.version() != EncryptionRecord.VERSION) {
            throw new CofferBugException("unknown encryption record version " + record.version());
        }
        if (customerKey.isPresent()) {
            checkTransport(secureTransport);
        }
        if (record.algorithm() != SseAlgorithm.SSE_C && customerKey.isPresent()) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "The encryption parameters are not applicable to this object.");
        }
        return switch (record.algorithm()) {
            case SSE_S3 -> sseS3;
            case SSE_C -> {
                SseC mode = new SseC(customerKey.orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "The object was stored using a form of Server Side Encryption. The correct parameters must "
                                + "be provided to retrieve the object.")), random);
                if (!mode.matches(record)) {
                    throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
                }
                yield mode;
            }
            case SSE_KMS -> new SseKms(kms, bucketKeys, caller, Optional.empty(), new TreeMap<>(),
                    record.bucketKeyEnabled(), random);
            case DSSE_KMS -> new DsseKms(new SseKms(kms, bucketKeys, caller, Optional.empty(), new TreeMap<>(), false,
                    random), sseS3);
        };
    }

    private void checkTransport(boolean secureTransport) {
        if (!secureTransport && !allowSseCOverHttp) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Requests specifying Server Side Encryption with "
                    + "Customer provided keys must be made over a secure connection.");
        }
    }
}
