package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.symmetric.CryptoRequests;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The KMS calls S3 makes, always as the requester, through {@link KmsService}'s Java API; counted, so that
 * tests and metrics can see what bucket keys save. KMS errors become S3's ({@link KmsErrors}).
 */
public final class KmsGateway {
    private final KmsService kms;
    private final AtomicLong calls = new AtomicLong();

    public KmsGateway(KmsService kms) {
        this.kms = Objects.requireNonNull(kms, "kms");
    }

    /** How many cryptographic KMS calls (GenerateDataKey, Decrypt) S3 has made since start. */
    public long calls() {
        return calls.get();
    }

    KmsService service() {
        return kms;
    }

    /** GenerateDataKey (AES_256) as {@code caller}: the data key in the clear and as KMS's ciphertext. */
    CryptoRequests.DataKey generateDataKey(Principal caller, String keyId, Map<String, String> context) {
        calls.incrementAndGet();
        try {
            return kms.generateDataKey(caller, new CryptoRequests.GenerateDataKey(keyId, context, Optional.empty(),
                    Optional.of("AES_256"), false));
        } catch (KmsException e) {
            throw KmsErrors.toS3(e, keyId);
        }
    }

    /** Decrypt as {@code caller}, naming the key the ciphertext must be under. */
    Secret decrypt(Principal caller, String keyArn, byte[] ciphertext, Map<String, String> context) {
        calls.incrementAndGet();
        try {
            return kms.decrypt(caller, new CryptoRequests.Decrypt(ciphertext, context, Optional.of(keyArn),
                    Optional.empty(), false)).plaintext();
        } catch (KmsException e) {
            throw KmsErrors.toS3(e, keyArn);
        }
    }
}
