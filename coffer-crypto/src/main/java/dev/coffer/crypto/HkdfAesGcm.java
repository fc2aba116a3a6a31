package dev.coffer.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a per-message key derived with HKDF-SHA256 (RFC 5869) from a long-lived key and a
 * random salt: "derive, then seal or open with associated data".
 *
 * <p>Why derive: random 96-bit IVs under one long-lived AES-GCM key reach the collision bound after about
 * 2<sup>32</sup> messages, and a busy KMS key gets there. With a fresh 128-bit salt per message, every
 * message has its own key and the bound applies per message, as in AWS KMS.
 *
 * <p>Stateless and thread-safe; each call builds its own {@link Mac} and {@link Cipher}. Derived keys live
 * in arrays that are zeroed before the call returns.
 */
public final class HkdfAesGcm {
    public static final int KEY_BYTES = 32;
    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final String HMAC = "HmacSHA256";

    private HkdfAesGcm() {}

    /**
     * HKDF-SHA256: extract with {@code salt}, then expand with {@code info} to {@code length} bytes
     * (at most 255 × 32). The caller owns the result and should zero it after use.
     */
    public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * 32) {
            throw new IllegalArgumentException("HKDF-SHA256 length must be 1..8160, got " + length);
        }
        byte[] prk = null;
        try {
            Mac mac = Mac.getInstance(HMAC);
            // RFC 5869: an absent salt is HashLen zero bytes; SecretKeySpec refuses an empty key.
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, HMAC));
            prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, HMAC));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int done = 0;
            for (int i = 1; done < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                Arrays.fill(t, (byte) 0);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            Arrays.fill(t, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        } finally {
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
        }
    }

    /**
     * Encrypts {@code plaintext[off, off+len)} under HKDF(key, salt, info) with {@code iv} and {@code aad},
     * writing ciphertext ‖ tag ({@code len + 16} bytes) into {@code out} at {@code outOff}.
     */
    public static void seal(Secret key, byte[] salt, byte[] info, byte[] iv, byte[] aad,
            byte[] plaintext, int off, int len, byte[] out, int outOff) {
        checkKey(key);
        checkIv(iv);
        byte[] derived = hkdfSha256(key.revealBytes(), salt, info, KEY_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            cipher.doFinal(plaintext, off, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small for " + (len + TAG_BYTES) + " bytes", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * Decrypts ciphertext ‖ tag at {@code in[off, off+len)}; returns the plaintext, or throws if anything
     * (key, salt, info, IV, AAD, a ciphertext bit) differs from what was sealed.
     */
    public static byte[] open(Secret key, byte[] salt, byte[] info, byte[] iv, byte[] aad, byte[] in, int off, int len)
            throws CryptoException {
        checkKey(key);
        checkIv(iv);
        if (len < TAG_BYTES) {
            throw new CryptoException("ciphertext is shorter than its tag");
        }
        byte[] derived = hkdfSha256(key.revealBytes(), salt, info, KEY_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len);
        } catch (AEADBadTagException e) {
            throw new CryptoException("ciphertext failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static void checkKey(Secret key) {
        if (key.length() != KEY_BYTES) {
            throw new IllegalArgumentException("key must be 32 bytes, got " + key.length());
        }
    }

    private static void checkIv(byte[] iv) {
        if (iv.length != IV_BYTES) {
            throw new IllegalArgumentException("IV must be 12 bytes, got " + iv.length);
        }
    }
}
