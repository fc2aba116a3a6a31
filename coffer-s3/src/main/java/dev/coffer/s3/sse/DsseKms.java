package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * DSSE-KMS: two independent layers with independent data keys. The inner layer is the object's body under a
 * data key from KMS, exactly as {@link SseKms} makes it (never with a bucket key, as on AWS), encrypted by
 * {@code BodyCipher} (the JDK's AES-GCM); the outer layer encrypts that ciphertext again under a random key
 * wrapped by the S3 service key ({@link SseS3}), with an AES-GCM independent of the JDK's ({@code OuterLayerCipher}:
 * AWS-LC's through the Amazon Corretto Crypto Provider, BouncyCastle's where that does not load).
 *
 * <p>Stored: as SSE-KMS, with {@code sse_mode = DSSE_KMS} and {@code outer_wrapped_dek} = the {@link KeyWrap} of
 * the outer key under the service key, bound to the object with the purpose {@code "dek:DSSE_KMS:outer"}.
 */
public final class DsseKms implements SseMode {
    private static final String OUTER = "dek:" + SseAlgorithm.DSSE_KMS.name() + ":outer";
    private final SseKms inner;
    private final SseS3 outer;

    DsseKms(SseKms inner, SseS3 outer) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.outer = Objects.requireNonNull(outer, "outer");
    }

    @Override
    public SseAlgorithm algorithm() {
        return SseAlgorithm.DSSE_KMS;
    }

    @Override
    public IssuedKey issue(ObjectBinding where, int bodyFormat, int segmentSize) {
        IssuedKey k = inner.issue(where, bodyFormat, segmentSize);
        EncryptionRecord r = k.record();
        Secret outerKey = Secret.random(32, outer.random());
        byte[] wrappedOuter = outer.wrapInternal(outerKey, where, OUTER);
        return new IssuedKey(k.dataKey(), Optional.of(outerKey), new EncryptionRecord(r.version(),
                SseAlgorithm.DSSE_KMS, r.wrappedKey(), Optional.empty(), r.kmsKeyId(), r.kmsContext(), false,
                Optional.of(wrappedOuter), Optional.empty(), bodyFormat, segmentSize));
    }

    @Override
    public Secret unwrap(EncryptionRecord record, ObjectBinding where) {
        return inner.unwrap(record, where);
    }

    @Override
    public Optional<Secret> outerKey(EncryptionRecord record, ObjectBinding where) {
        return Optional.of(outer.unwrapInternal(record.outerWrappedKey().orElseThrow(() ->
                new dev.coffer.s3.CofferBugException("a DSSE-KMS object has no outer key")), where, OUTER));
    }

    @Override
    public ResponseEncryption describe(EncryptionRecord record) {
        ResponseEncryption e = inner.describe(record);
        return new ResponseEncryption(SseAlgorithm.DSSE_KMS.headerValue(), Optional.empty(), Optional.empty(),
                e.kmsKeyArn(), e.kmsContext(), false);
    }

    @Override
    public boolean etagIsContentMd5() {
        return false;
    }

    @Override
    public String toString() {
        return "DsseKms";
    }
}
