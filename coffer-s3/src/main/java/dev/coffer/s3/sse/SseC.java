package dev.coffer.s3.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.HkdfAesGcm;
import dev.coffer.crypto.Secret;
import dev.coffer.s3.CofferBugException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * SSE-C: the customer's key, sent with every request, wraps the object's data key. Coffer never stores the
 * key; it stores a salted HMAC of it ({@link #keyCheck}) to tell a wrong key (403) from a damaged object.
 *
 * <p>Key check format, version 1 — frozen ({@code objects.sse_c_key_check}):
 * {@code 0x01 ‖ salt (16 random bytes) ‖ HKDF-SHA256(ikm = customer key, salt, info = "coffer sse-c key check
 * v1", 32)}; HKDF's extract step is HMAC-SHA256 keyed by the salt, so this is a salted HMAC of the key.
 */
public final class SseC implements SseMode {
    private static final byte[] CHECK_INFO = "coffer sse-c key check v1".getBytes(UTF_8);
    private static final int CHECK_BYTES = 1 + 16 + 32;

    private final SseCustomerKey key;
    private final SecureRandom random;

    SseC(SseCustomerKey key, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public SseAlgorithm algorithm() {
        return SseAlgorithm.SSE_C;
    }

    @Override
    public IssuedKey issue(ObjectBinding where, int bodyFormat, int segmentSize) {
        Secret dataKey = Secret.random(32, random);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] check = new byte[CHECK_BYTES];
        check[0] = 1;
        System.arraycopy(salt, 0, check, 1, 16);
        System.arraycopy(mac(salt), 0, check, 17, 32);
        byte[] wrapped = KeyWrap.wrap(key.secret(), dataKey, aad(where), random);
        return new IssuedKey(dataKey,
                EncryptionRecord.of(SseAlgorithm.SSE_C, wrapped, Optional.of(check), bodyFormat, segmentSize));
    }

    /** Whether this request's key is the one the object was written with (constant time). */
    boolean matches(EncryptionRecord record) {
        byte[] check = record.customerKeyCheck().orElseThrow(() ->
                new CofferBugException("an SSE-C object has no key check"));
        if (check.length != CHECK_BYTES || check[0] != 1) {
            throw new CofferBugException("an SSE-C key check has an unknown format");
        }
        return MessageDigest.isEqual(mac(Arrays.copyOfRange(check, 1, 17)), Arrays.copyOfRange(check, 17, CHECK_BYTES));
    }

    private byte[] mac(byte[] salt) {
        return HkdfAesGcm.hkdfSha256(key.secret().revealBytes(), salt, CHECK_INFO, 32);
    }

    @Override
    public Secret unwrap(EncryptionRecord record, ObjectBinding where) {
        try {
            return KeyWrap.unwrap(key.secret(), record.wrappedKey(), aad(where));
        } catch (CryptoException e) {
            throw new CofferBugException("the data key of an SSE-C object does not unwrap under the matching key", e);
        }
    }

    private static byte[] aad(ObjectBinding where) {
        return where.associatedData("dek:" + SseAlgorithm.SSE_C.name());
    }

    @Override
    public ResponseEncryption describe(EncryptionRecord record) {
        return new ResponseEncryption(Optional.empty(), Optional.of("AES256"), Optional.of(key.keyMd5()));
    }

    @Override
    public boolean etagIsContentMd5() {
        return false;
    }

    @Override
    public String toString() {
        return "SseC";
    }
}
