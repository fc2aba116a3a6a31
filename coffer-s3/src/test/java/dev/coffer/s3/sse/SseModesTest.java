package dev.coffer.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseModesTest {
    private final SecureRandom random = new SecureRandom();
    private final SseModes modes = new SseModes(SseS3.fromRootKey(Secret.random(32, random), random), random, false);
    private final ObjectBinding here = new ObjectBinding("bucket", "key", "0123456789abcdef0123456789abcdef");

    @Test
    void sseS3_wrappedKey_unwrapsForItsObject_only() {
        SseMode mode = modes.forWrite(Optional.empty(), Optional.empty(), false);
        try (Secret dek = Secret.random(32, random)) {
            EncryptionRecord record = mode.wrap(dek, here, 1, 65536);
            try (Secret back = mode.unwrap(record, here)) {
                assertThat(back.equalsConstantTime(dek)).isTrue();
            }
            for (ObjectBinding elsewhere : new ObjectBinding[] {
                    new ObjectBinding("bucket", "other", here.versionId()),
                    new ObjectBinding("bucket2", "key", here.versionId()),
                    new ObjectBinding("bucket", "key", "ffffffffffffffffffffffffffffffff")}) {
                assertThatThrownBy(() -> mode.unwrap(record, elsewhere)).isInstanceOf(CofferBugException.class);
            }
        }
    }

    @Test
    void sseC_withTheRightKey_unwraps_withAnotherKey_isAccessDenied_withoutAKey_isInvalidRequest() {
        SseMode mode = modes.forWrite(Optional.empty(), key((byte) 1), true);
        try (Secret dek = Secret.random(32, random)) {
            EncryptionRecord record = mode.wrap(dek, here, 1, 65536);
            assertThat(record.customerKeyCheck()).isPresent();
            try (Secret back = modes.forRead(record, key((byte) 1), true).unwrap(record, here)) {
                assertThat(back.equalsConstantTime(dek)).isTrue();
            }
            assertError(() -> modes.forRead(record, key((byte) 2), true), S3ErrorCode.ACCESS_DENIED);
            assertError(() -> modes.forRead(record, Optional.empty(), true), S3ErrorCode.INVALID_REQUEST);
        }
    }

    @Test
    void sseC_keyCheck_isNotTheKey_norItsMd5() throws Exception {
        Optional<SseCustomerKey> key = key((byte) 7);
        EncryptionRecord record = modes.forWrite(Optional.empty(), key, true).wrap(Secret.random(32, random), here, 1, 1);
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 7);
        byte[] check = record.customerKeyCheck().orElseThrow();
        assertThat(indexOf(check, raw)).isNegative();
        assertThat(indexOf(check, MessageDigest.getInstance("MD5").digest(raw))).isNegative();
        assertThat(indexOf(record.wrappedKey(), raw)).isNegative();
    }

    @Test
    void sseC_overPlainHttp_isRefused_unlessAllowed() {
        assertError(() -> modes.forWrite(Optional.empty(), key((byte) 1), false), S3ErrorCode.INVALID_REQUEST);
        SseModes lenient = new SseModes(SseS3.fromRootKey(Secret.random(32, random), random), random, true);
        assertThat(lenient.forWrite(Optional.empty(), key((byte) 1), false)).isInstanceOf(SseC.class);
    }

    @Test
    void sseCKey_onAnSseS3Object_isInvalidRequest() {
        EncryptionRecord record = modes.forWrite(Optional.of("AES256"), Optional.empty(), true)
                .wrap(Secret.random(32, random), here, 1, 1);
        assertError(() -> modes.forRead(record, key((byte) 1), true), S3ErrorCode.INVALID_REQUEST);
    }

    @Test
    void unsupportedServerSideEncryption_isInvalidArgument() {
        assertError(() -> modes.forWrite(Optional.of("aws:kms"), Optional.empty(), true), S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> modes.forWrite(Optional.of("AES128"), Optional.empty(), true), S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> modes.forWrite(Optional.of("AES256"), key((byte) 1), true), S3ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void customerKey_withBadMd5_wrongLength_orMissingParts_isInvalidArgument() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES256"), Optional.of(key), Optional.of("AAAAAAAAAAAAAAAAAAAAAA==")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES256"), Optional.of(shortKey), Optional.of("x")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES256"), Optional.empty(), Optional.of("x")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES128"), Optional.of(key), Optional.of("x")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertThat(SseCustomerKey.parse(Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(key((byte) 3).orElseThrow().toString()).doesNotContain(Base64.getEncoder().encodeToString(raw3()));
    }

    private static byte[] raw3() {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 3);
        return b;
    }

    static Optional<SseCustomerKey> key(byte fill) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, fill);
        try {
            return SseCustomerKey.parse(Optional.of("AES256"), Optional.of(Base64.getEncoder().encodeToString(raw)),
                    Optional.of(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, S3ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
