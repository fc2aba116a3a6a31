package dev.coffer.s3.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.HkdfAesGcm;
import dev.coffer.crypto.Secret;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Wraps a 256-bit data key under a wrapping key (the SSE-S3 service key, an SSE-C customer key) with
 * AES-256-GCM under a per-wrap key derived by HKDF-SHA256 from the wrapping key and a random salt, so that one
 * long-lived service key wrapping billions of data keys never meets GCM's random-IV bound.
 *
 * <p>Wrapped format, version 1 — frozen (stored in {@code objects.wrapped_dek}):
 * <pre>
 *   byte      0x01
 *   byte[16]  salt     HKDF salt; info = "coffer s3 data key wrap v1"
 *   byte[12]  iv
 *   byte[32]  ciphertext of the data key
 *   byte[16]  tag      associated data = ObjectBinding.associatedData("dek:" + mode name)
 * </pre>
 */
final class KeyWrap {
    static final byte VERSION = 0x01;
    static final int WRAPPED_BYTES = 1 + 16 + 12 + 32 + 16;
    private static final byte[] INFO = "coffer s3 data key wrap v1".getBytes(UTF_8);

    private KeyWrap() {}

    static byte[] wrap(Secret wrappingKey, Secret dataKey, byte[] associatedData, SecureRandom random) {
        byte[] out = new byte[WRAPPED_BYTES];
        out[0] = VERSION;
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(iv);
        System.arraycopy(salt, 0, out, 1, 16);
        System.arraycopy(iv, 0, out, 17, 12);
        byte[] dek = dataKey.revealBytes();
        HkdfAesGcm.seal(wrappingKey, salt, INFO, iv, associatedData, dek, 0, dek.length, out, 29);
        return out;
    }

    /** The data key, or {@link CryptoException} if the wrapping key, the binding or a byte differs. */
    static Secret unwrap(Secret wrappingKey, byte[] wrapped, byte[] associatedData) throws CryptoException {
        if (wrapped.length != WRAPPED_BYTES || wrapped[0] != VERSION) {
            throw new CryptoException("wrapped data key is malformed");
        }
        return Secret.wrap(HkdfAesGcm.open(wrappingKey, Arrays.copyOfRange(wrapped, 1, 17), INFO,
                Arrays.copyOfRange(wrapped, 17, 29), associatedData, wrapped, 29, wrapped.length - 29));
    }
}
