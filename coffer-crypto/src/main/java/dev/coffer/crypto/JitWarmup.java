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
 * (measured: 50–140 MB/s instead of 400–1,000 MB/s; docs/PERFORMANCE.md). Thousands of calls on small
 * inputs cost a few tenths of a second of CPU on a spare core, while the command starts and talks to KMS.
 *
 * <p>The key and data are zeros and nothing produced here is used. It lives in coffer-crypto because only
 * this module makes ciphers; the client tools call it, and the server can too.
 */
public final class JitWarmup {
    private static final int CALLS = 12_000;
    private static final int SPLIT = 1 << 20;
    private static final int FRAME_CALLS = 10_000;

    private JitWarmup() {
    }

    /** Starts the warm-up of the AWS Encryption SDK's own calls on a daemon thread and returns at once. */
    public static void start() {
        start(JitWarmup::run);
    }

    /**
     * Starts a warm-up of AES-GCM encryption or decryption alone, in the shape of
     * {@code doFinal(in, off, len, out, outOff)}, on a daemon thread. For a frame cipher that makes those calls
     * itself: the SDK's shapes would be compiled for nothing, and the warm-up competes with the start of the
     * command for the CPU (measured: the full warm-up delayed a decrypt's first frame by ~0.25 s on two cores;
     * docs/PERFORMANCE.md).
     */
    public static void startForFrames(boolean encrypt) {
        start(() -> runFrames(encrypt));
    }

    /** The 12-byte IV numbered {@code i}: a GCM cipher refuses to encrypt twice under one key and IV. */
    private static byte[] nonceFor(int i) {
        byte[] nonce = new byte[12];
        nonce[8] = (byte) (i >>> 24);
        nonce[9] = (byte) (i >>> 16);
        nonce[10] = (byte) (i >>> 8);
        nonce[11] = (byte) i;
        return nonce;
    }

    private static void start(Runnable warmup) {
        if (Boolean.getBoolean("coffer.cli.noWarmup")) {
            return; // for measuring what it is worth
        }
        Thread thread = new Thread(warmup, "coffer-jit-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void runFrames(boolean encrypt) {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            byte[] aad = new byte[72];
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            // Small calls for the call count (interpreted, a frame-sized call costs milliseconds), one in a hundred
            // of a frame's size: a profile of small inputs alone leaves the large-input branch (the AVX-512
            // kernel) uncompiled, and real frames then deoptimize.
            int[] sizes = {256, 65536};
            byte[][] inputs = new byte[sizes.length][];
            for (int s = 0; s < sizes.length; s++) {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonceFor(s)));
                cipher.updateAAD(aad);
                inputs[s] = encrypt ? new byte[sizes[s]] : cipher.doFinal(new byte[sizes[s]]);
            }
            byte[] out = new byte[65536 + 16];
            for (int i = 0; i < FRAME_CALLS; i++) {
                int s = i % 100 == 99 ? 1 : 0;
                byte[] in = inputs[s];
                // Encrypting, a GCM cipher refuses an IV it used last; decrypting, the IV must match the input's.
                cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key,
                        new GCMParameterSpec(128, nonceFor(encrypt ? i + sizes.length : s)));
                cipher.updateAAD(aad);
                cipher.doFinal(in, 0, in.length, out, 0);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // Only speed is at stake; the real work reports real errors.
        }
    }

    static void run() {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
            Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding");
            MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
            // The exact call shapes of the AWS Encryption SDK's CipherHandler (GCMParameterSpec over a slice of
            // the nonce array, updateAAD(byte[]), the allocating doFinal(byte[], int, int)): C2 compiles per
            // call path, and warming doFinal(in, off, len, out, outOff) left the SDK's path interpreted.
            // Mostly small calls (call counts are what triggers C2), a few of a frame's size and past the JDK's
            // 1 MiB split, so that the compiled code has seen the branches real frames take.
            byte[] plain = new byte[SPLIT + 4096];
            byte[] nonce = new byte[12];
            byte[] aad = new byte[32];
            for (int i = 0; i < CALLS; i++) {
                int length = i % 2000 == 1999 ? plain.length : i % 100 == 99 ? 65536 : 256;
                nonce[0] = (byte) i;
                nonce[1] = (byte) (i >>> 8);
                nonce[2] = (byte) (i >>> 16);
                GCMParameterSpec spec = new GCMParameterSpec(128, nonce, 0, nonce.length);
                encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
                encrypt.updateAAD(aad);
                byte[] sealed = encrypt.doFinal(plain, 0, length);
                decrypt.init(Cipher.DECRYPT_MODE, key, spec);
                decrypt.updateAAD(aad);
                decrypt.doFinal(sealed, 0, sealed.length);
                sha384.update(sealed, 0, sealed.length);
            }
            sha384.digest();
        } catch (GeneralSecurityException | RuntimeException e) {
            // Only speed is at stake; the real work reports real errors.
        }
    }
}
