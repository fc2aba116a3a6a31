package dev.coffer.s3.sse;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.symmetric.CryptoRequests;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * SSE-KMS: each object's data key comes from KMS ({@code GenerateDataKey} on the customer's key, as the
 * requester, with the context {@code aws:s3:arn} = the object ARN plus the request's own pairs) and is stored as
 * KMS's ciphertext; a read calls {@code Decrypt} as its requester with the stored context. With a bucket key,
 * the data key is random and wrapped by the bucket key instead ({@link BucketKeys}); the stored context is then
 * the bucket key's, as on AWS.
 *
 * <p>Stored: {@code sse_mode = SSE_KMS}, {@code kms_key_id} = the key ARN, {@code kms_context} = the context
 * ({@link KmsContexts}), {@code wrapped_dek} = KMS's ciphertext blob, or with a bucket key the {@link KeyWrap}
 * of the data key under the bucket key ({@code bucket_key_enabled = 1}, {@code kms_bucket_key} = the bucket
 * key's KMS ciphertext).
 */
public final class SseKms implements SseMode {
    private final KmsGateway kms;
    private final BucketKeys bucketKeys;
    private final Principal caller;
    private final Optional<String> keyId;
    private final SortedMap<String, String> userContext;
    private final boolean bucketKey;
    private final SecureRandom random;

    /** @param keyId the resolved key (id, ARN or alias); empty on the read path, where the record names it */
    SseKms(KmsGateway kms, BucketKeys bucketKeys, Principal caller, Optional<String> keyId,
            SortedMap<String, String> userContext, boolean bucketKey, SecureRandom random) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.bucketKeys = Objects.requireNonNull(bucketKeys, "bucketKeys");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.userContext = new TreeMap<>(userContext);
        this.bucketKey = bucketKey;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public SseAlgorithm algorithm() {
        return SseAlgorithm.SSE_KMS;
    }

    @Override
    public IssuedKey issue(ObjectBinding where, int bodyFormat, int segmentSize) {
        String key = keyId.orElseThrow(() -> new CofferBugException("SSE-KMS write without a key"));
        if (bucketKey) {
            SortedMap<String, String> context = context(bucketArn(where));
            BucketKeys.BucketKey bk = bucketKeys.forWrite(caller, where.bucket(), key, context);
            Secret dataKey = Secret.random(32, random);
            byte[] wrapped = KeyWrap.wrap(bk.plaintext(), dataKey, aad(where), random);
            return new IssuedKey(dataKey, new EncryptionRecord(EncryptionRecord.VERSION, SseAlgorithm.SSE_KMS, wrapped,
                    Optional.empty(), Optional.of(bk.keyArn()), Optional.of(KmsContexts.toStored(context)), true,
                    Optional.empty(), Optional.of(bk.ciphertext()), bodyFormat, segmentSize));
        }
        SortedMap<String, String> context = context(objectArn(where));
        CryptoRequests.DataKey dk = kms.generateDataKey(caller, key, context);
        return new IssuedKey(dk.plaintext().orElseThrow(), new EncryptionRecord(EncryptionRecord.VERSION,
                SseAlgorithm.SSE_KMS, dk.ciphertextBlob(), Optional.empty(), Optional.of(dk.keyArn()),
                Optional.of(KmsContexts.toStored(context)), false, Optional.empty(), Optional.empty(), bodyFormat,
                segmentSize));
    }

    private SortedMap<String, String> context(String arn) {
        SortedMap<String, String> c = new TreeMap<>(userContext);
        String given = c.put(KmsContexts.S3_ARN, arn);
        if (given != null && !given.equals(arn)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The encryption context key '" + KmsContexts.S3_ARN
                    + "' must be the ARN of the object: " + arn);
        }
        return c;
    }

    static String objectArn(ObjectBinding where) {
        return "arn:aws:s3:::" + where.bucket() + "/" + where.key();
    }

    static String bucketArn(ObjectBinding where) {
        return "arn:aws:s3:::" + where.bucket();
    }

    @Override
    public Secret unwrap(EncryptionRecord record, ObjectBinding where) {
        String keyArn = record.kmsKeyId().orElseThrow(() -> new CofferBugException("SSE-KMS object without a key"));
        Map<String, String> context = KmsContexts.fromStored(
                record.kmsContext().orElseThrow(() -> new CofferBugException("SSE-KMS object without a context")));
        if (!record.bucketKeyEnabled()) {
            return kms.decrypt(caller, keyArn, record.wrappedKey(), context);
        }
        byte[] bucketKeyCiphertext = record.kmsBucketKey()
                .orElseThrow(() -> new CofferBugException("bucket-key object without its bucket key"));
        Secret bk = bucketKeys.forRead(caller, keyArn, bucketKeyCiphertext, context);
        try {
            return KeyWrap.unwrap(bk, record.wrappedKey(), aad(where));
        } catch (CryptoException e) {
            throw new CofferBugException("the data key of an SSE-KMS object does not unwrap under its bucket key", e);
        }
    }

    private static byte[] aad(ObjectBinding where) {
        return where.associatedData("dek:" + SseAlgorithm.SSE_KMS.name());
    }

    @Override
    public ResponseEncryption describe(EncryptionRecord record) {
        return new ResponseEncryption(SseAlgorithm.SSE_KMS.headerValue(), Optional.empty(), Optional.empty(),
                record.kmsKeyId(), record.kmsContext().map(KmsContexts::toHeader), record.bucketKeyEnabled());
    }

    @Override
    public boolean etagIsContentMd5() {
        return false;
    }

    @Override
    public String toString() {
        return "SseKms";
    }
}
