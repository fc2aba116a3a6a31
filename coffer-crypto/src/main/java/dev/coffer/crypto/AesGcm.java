package dev.coffer.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small values (wrapped keys, stored secrets) with AES-256-GCM and a random 96-bit IV.
 *
 * <p>Sealed format, frozen (stored on disk; never change it, add a new version byte instead):
 * <pre>
 *   byte     version = 0x01
 *   byte[12] iv
 *   byte[n]  ciphertext
 *   byte[16] tag
 * </pre>
 * The associated data is not stored: the caller supplies the same bytes to {@link #open}, which is how a
 * sealed value is bound to where it belongs (a key ARN and version, an access key id).
 *
 * <p>Random IVs are safe here because each sealing key seals few values (one per stored key or secret),
 * far below GCM's 2<sup>32</sup> random-IV bound.
 */
public final class AesGcm {
    public static final byte VERSION = 0x01;
    public static final int KEY_BYTES = 32;
    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /** Bytes a sealed value adds to its plaintext. */
    public static final int OVERHEAD = 1 + IV_BYTES + TAG_BYTES;

    private final SecureRandom random;

    public AesGcm(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public byte[] seal(Secret key, byte[] plaintext, byte[] aad) {
        checkKey(key);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.revealBytes(), "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            ByteBuffer out = ByteBuffer.allocate(OVERHEAD + plaintext.length);
            out.put(VERSION).put(iv);
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Returns the plaintext, or throws if the value was altered, truncated or bound to other AAD. */
    public byte[] open(Secret key, byte[] sealed, byte[] aad) throws CryptoException {
        checkKey(key);
        if (sealed.length < OVERHEAD || sealed[0] != VERSION) {
            throw new CryptoException("sealed value is malformed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.revealBytes(), "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, sealed, 1, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new CryptoException("sealed value failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static void checkKey(Secret key) {
        if (key.length() != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length());
        }
    }
}
