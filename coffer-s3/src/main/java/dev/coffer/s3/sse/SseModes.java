package dev.coffer.s3.sse;

import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the {@link SseMode}: for a write from what the request asks for, for a read from the stored
 * {@link EncryptionRecord} and the key the request brings. The only place that looks at which mode it is.
 */
public final class SseModes {
    private final SseS3 sseS3;
    private final SecureRandom random;
    private final boolean allowSseCOverHttp;

    /** @param allowSseCOverHttp accept SSE-C keys on plain HTTP (S3 never does; for local testing only) */
    public SseModes(SseS3 sseS3, SecureRandom random, boolean allowSseCOverHttp) {
        this.sseS3 = Objects.requireNonNull(sseS3, "sseS3");
        this.random = Objects.requireNonNull(random, "random");
        this.allowSseCOverHttp = allowSseCOverHttp;
    }

    /**
     * The mode for a new object.
     *
     * @param serverSideEncryption the {@code x-amz-server-side-encryption} value, if sent
     * @param customerKey the SSE-C key, if sent
     * @param secureTransport whether the request came over TLS
     */
    public SseMode forWrite(Optional<String> serverSideEncryption, Optional<SseCustomerKey> customerKey,
            boolean secureTransport) {
        if (customerKey.isPresent()) {
            if (serverSideEncryption.isPresent()) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with Customer provided "
                        + "key is incompatible with the encryption method specified");
            }
            checkTransport(secureTransport);
            return new SseC(customerKey.get(), random);
        }
        if (serverSideEncryption.isEmpty() || serverSideEncryption.get().equals("AES256")) {
            return sseS3;
        }
        // aws:kms and aws:kms:dsse arrive with phase B; until then S3's answer to a value it does not support.
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The encryption method specified is not supported");
    }

    /** The mode that opens a stored object, checking the SSE-C key the request brings (or must bring). */
    public SseMode forRead(EncryptionRecord record, Optional<SseCustomerKey> customerKey, boolean secureTransport) {
        if (record.version() != EncryptionRecord.VERSION) {
            throw new CofferBugException("unknown encryption record version " + record.version());
        }
        if (customerKey.isPresent()) {
            checkTransport(secureTransport);
        }
        return switch (record.algorithm()) {
            case SSE_S3 -> {
                if (customerKey.isPresent()) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                            "The encryption parameters are not applicable to this object.");
                }
                yield sseS3;
            }
            case SSE_C -> {
                SseC mode = new SseC(customerKey.orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "The object was stored using a form of Server Side Encryption. The correct parameters must "
                                + "be provided to retrieve the object.")), random);
                if (!mode.matches(record)) {
                    throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
                }
                yield mode;
            }
            case SSE_KMS, DSSE_KMS -> throw new CofferBugException("no KMS modes before phase B");
        };
    }

    private void checkTransport(boolean secureTransport) {
        if (!secureTransport && !allowSseCOverHttp) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Requests specifying Server Side Encryption with "
                    + "Customer provided keys must be made over a secure connection.");
        }
    }
}
