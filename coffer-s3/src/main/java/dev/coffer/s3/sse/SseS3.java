package dev.coffer.s3.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.HkdfAesGcm;
import dev.coffer.crypto.Secret;
import dev.coffer.s3.CofferBugException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * SSE-S3: data keys wrapped by Coffer's internal S3 service key, which no customer ever sees.
 *
 * <p>The service key is derived, not stored: {@code HKDF-SHA256(ikm = root key, salt = none,
 * info = "coffer s3 service key v1")}. So it needs no storage, no sealing and no migration, and it changes
 * only with the root key (re-keying the root would rewrap every object's 77-byte wrapped key, not its body).
 */
public final class SseS3 implements SseMode {
    private static final byte[] SERVICE_KEY_INFO = "coffer s3 service key v1".getBytes(UTF_8);
    private static final ResponseEncryption DESCRIPTION =
            new ResponseEncryption(Optional.of("AES256"), Optional.empty(), Optional.empty());

    private final Secret serviceKey;
    private final SecureRandom random;

    private SseS3(Secret serviceKey, SecureRandom random) {
        this.serviceKey = serviceKey;
        this.random = random;
    }

    /** The SSE-S3 mode of a node whose root key is {@code rootKey}. */
    public static SseS3 fromRootKey(Secret rootKey, SecureRandom random) {
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(random, "random");
        return new SseS3(Secret.wrap(HkdfAesGcm.hkdfSha256(rootKey.revealBytes(), new byte[0], SERVICE_KEY_INFO, 32)),
                random);
    }

    @Override
    public SseAlgorithm algorithm() {
        return SseAlgorithm.SSE_S3;
    }

    @Override
    public IssuedKey issue(ObjectBinding where, int bodyFormat, int segmentSize) {
        Secret dataKey = Secret.random(32, random);
        byte[] wrapped = KeyWrap.wrap(serviceKey, dataKey, aad(where), random);
        return new IssuedKey(dataKey,
                EncryptionRecord.of(SseAlgorithm.SSE_S3, wrapped, Optional.empty(), bodyFormat, segmentSize));
    }

    SecureRandom random() {
        return random;
    }

    /** Wraps a key under the service key for {@code purpose} of {@code where} (DSSE-KMS's outer layer). */
    byte[] wrapInternal(Secret key, ObjectBinding where, String purpose) {
        return KeyWrap.wrap(serviceKey, key, where.associatedData(purpose), random);
    }

    Secret unwrapInternal(byte[] wrapped, ObjectBinding where, String purpose) {
        try {
            return KeyWrap.unwrap(serviceKey, wrapped, where.associatedData(purpose));
        } catch (CryptoException e) {
            throw new CofferBugException("an internal key of " + where.bucket() + " does not unwrap", e);
        }
    }

    @Override
    public Secret unwrap(EncryptionRecord record, ObjectBinding where) {
        try {
            return KeyWrap.unwrap(serviceKey, record.wrappedKey(), aad(where));
        } catch (CryptoException e) {
            throw new CofferBugException("the data key of " + where.bucket() + " does not unwrap", e);
        }
    }

    private static byte[] aad(ObjectBinding where) {
        return where.associatedData("dek:" + SseAlgorithm.SSE_S3.name());
    }

    @Override
    public ResponseEncryption describe(EncryptionRecord record) {
        return DESCRIPTION;
    }

    @Override
    public boolean etagIsContentMd5() {
        return true;
    }

    @Override
    public String toString() {
        return "SseS3";
    }
}
