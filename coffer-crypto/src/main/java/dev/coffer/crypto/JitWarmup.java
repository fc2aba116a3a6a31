package dev.coffer.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JDK's AES-GCM and SHA-384 code compiled with their CPU intrinsics before the real work starts.
 *
 * <p>Why: HotSpot swaps in the AES-NI/AVX AES-GCM and SHA-512 stubs only in C2-compiled callers, and C2
 * compiles a method after thousands of calls. A message with large frames makes a few calls that each
 * process a whole frame, so without this a 1 GiB file runs mostly in the interpreter's fallback loops
 * (measured: 50–140 MB/s instead of 400–1,000 MB/s; docs/PERFORMANCE.md). Thousands of calls on tiny
 * inputs cost about a tenth of a second on a spare core, while the command talks to KMS.
 *
 * <p>The key and data are zeros and nothing produced here is used. It lives in coffer-crypto because only
 * this module makes ciphers; the client tools call it, and the server can too.
 */
public final class JitWarmup {
    private static final int CALLS = 25_000;
    private static final int SPLIT = 1 << 20;

    private JitWarmup() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void start() {
        if (Boolean.getBoolean("coffer.cli.noWarmup")) {
            return; // for measuring what it is worth
        }
        Thread thread = new Thread(JitWarmup::run, "coffer-jit-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void run() {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
            Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding");
            MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
            // Mostly small calls (call counts are what triggers C2), some of a frame's size and one past the
            // JDK's 1 MiB split, so that the compiled code has seen the branches real frames take.
            byte[] plain = new byte[SPLIT + 4096];
            byte[] sealed = new byte[plain.length + 16];
            byte[] opened = new byte[plain.length];
            byte[] iv = new byte[12];
            byte[] aad = new byte[32];
            for (int i = 0; i < CALLS; i++) {
                int length = i % 1000 == 999 ? plain.length : i % 50 == 49 ? 65536 : 512;
                iv[0] = (byte) i;
                iv[1] = (byte) (i >>> 8);
                iv[2] = (byte) (i >>> 16);
                GCMParameterSpec spec = new GCMParameterSpec(128, iv);
                encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
                encrypt.updateAAD(aad);
                int sealedLength = encrypt.doFinal(plain, 0, length, sealed, 0);
                decrypt.init(Cipher.DECRYPT_MODE, key, spec);
                decrypt.updateAAD(aad);
                decrypt.doFinal(sealed, 0, sealedLength, opened, 0);
                sha384.update(sealed, 0, sealedLength);
            }
            sha384.digest();
        } catch (GeneralSecurityException | RuntimeException e) {
            // Only speed is at stake; the real work reports real errors.
        }
    }
}
