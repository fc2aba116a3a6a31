package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.symmetric.CryptoRequests;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * S3 Bucket Keys: a data key from KMS (context {@code aws:s3:arn} = the bucket ARN, plus the request's context)
 * that, for one {@link #PERIOD}, wraps the per-object data keys of SSE-KMS writes to one bucket under one KMS
 * key by one requester, so those writes cost one KMS call in total. The per-object wrap is {@link KeyWrap} under
 * the bucket key, bound to the object; the row keeps the bucket key's KMS ciphertext
 * ({@code objects.kms_bucket_key}), which a read decrypts through KMS as its requester, or finds in the cache.
 *
 * <p>Caches are time-bounded: a bucket key in the clear lives in memory at most {@link #PERIOD} after KMS
 * issued or decrypted it, so a disabled or deleted KMS key stops new reads of bucket-key objects within that
 * bound (objects without a bucket key call KMS on every read).
 */
final class BucketKeys {
    /** How long one bucket key is used (and kept in the clear) after KMS issued or decrypted it. */
    static final Duration PERIOD = Duration.ofMinutes(5);

    /** A bucket key in the clear, its KMS ciphertext, the KMS key's ARN, and when it stops being used. */
    record BucketKey(Secret plaintext, byte[] ciphertext, String keyArn, Instant expires) {}

    private record Slot(String bucket, String keyId, Map<String, String> context, String principalArn) {}

    private record Opened(ByteBuffer ciphertext, String principalArn) {}

    private final KmsGateway kms;
    private final InstantSource clock;
    private final ConcurrentHashMap<Slot, BucketKey> current = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Opened, BucketKey> opened = new ConcurrentHashMap<>();

    BucketKeys(KmsGateway kms, InstantSource clock) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The bucket key writes to {@code bucket} under {@code keyId} with {@code context} use now. */
    BucketKey forWrite(Principal caller, String bucket, String keyId, Map<String, String> context) {
        Instant now = clock.instant();
        return current.compute(new Slot(bucket, keyId, Map.copyOf(context), caller.arn()), (slot, existing) -> {
            if (existing != null && now.isBefore(existing.expires())) {
                return existing;
            }
            CryptoRequests.DataKey issued = kms.generateDataKey(caller, keyId, context);
            BucketKey key = new BucketKey(issued.plaintext().orElseThrow(), issued.ciphertextBlob(), issued.keyArn(),
                    now.plus(PERIOD));
            opened.put(new Opened(ByteBuffer.wrap(key.ciphertext()), caller.arn()), key);
            return key;
        });
    }

    /** The bucket key a stored object names, from the cache or decrypted through KMS as {@code caller}. */
    Secret forRead(Principal caller, String keyArn, byte[] ciphertext, Map<String, String> context) {
        Instant now = clock.instant();
        BucketKey key = opened.compute(new Opened(ByteBuffer.wrap(ciphertext.clone()), caller.arn()), (o, existing) -> {
            if (existing != null && now.isBefore(existing.expires())) {
                return existing;
            }
            return new BucketKey(kms.decrypt(caller, keyArn, ciphertext, context), ciphertext.clone(), keyArn,
                    now.plus(PERIOD));
        });
        sweep(now);
        return key.plaintext();
    }

    /** Forgets expired keys (not zeroed: a request may still hold one; the garbage collector takes them). */
    private void sweep(Instant now) {
        if (opened.size() > 1024) {
            opened.values().removeIf(k -> !now.isBefore(k.expires()));
        }
        if (current.size() > 1024) {
            current.values().removeIf(k -> !now.isBefore(k.expires()));
        }
    }
}
