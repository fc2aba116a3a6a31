package dev.coffer.crypto.stream;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AES-256-GCM that seals the segments of the DSSE-KMS outer layer ({@link OuterLayerCipher}): an
 * implementation independent of the JDK's SunJCE, which the inner layer runs through Tink, so that a flaw in one
 * leaves the other layer standing.
 *
 * <p>{@link #preferred()} is AWS-LC's (native, AES-NI/VAES) through the Amazon Corretto Crypto Provider where its
 * native library loads and computes a known answer, and BouncyCastle's pure-Java {@code GCMBlockCipher} elsewhere
 * (another OS or CPU, a temp directory mounted {@code noexec}, native access denied). The choice is made once per
 * JVM, on first use: loading ACCP extracts and links a 10 MB library, a few hundred milliseconds. ACCP is only
 * ever passed as a provider object to {@code Cipher.getInstance}; it is never installed, so no other lookup
 * (Tink, TLS, {@code SecureRandom}) sees it.
 *
 * <p>Both compute standard GCM (NIST SP 800-38D; 96-bit nonce, 128-bit tag), so each reads what the other wrote:
 * the choice changes speed, never the stored bytes.
 */
public final class OuterGcm {
    private static final System.Logger LOG = System.getLogger(OuterGcm.class.getName());
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final OuterGcm BOUNCY_CASTLE =
            new OuterGcm("BouncyCastle GCMBlockCipher over AESEngine (pure Java)", "BouncyCastle", null);

    private final String name;
    private final String providerName;
    private final Provider provider; // null: BouncyCastle's lightweight API, not a JCA provider

    private OuterGcm(String name, String providerName, Provider provider) {
        this.name = name;
        this.providerName = providerName;
        this.provider = provider;
    }

    /** The implementation the outer layer uses: ACCP where it works, else BouncyCastle; chosen once. */
    public static OuterGcm preferred() {
        return Preferred.CHOICE;
    }

    /** BouncyCastle's pure-Java AES-GCM, available everywhere (the fallback; for tests and benchmarks). */
    public static OuterGcm bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    /** AWS-LC's AES-GCM through ACCP, if its native library loads on this machine (for tests and benchmarks). */
    public static Optional<OuterGcm> corretto() {
        return Corretto.LOADED;
    }

    /** What this is, for logs and diagnostics: implementation and version. Holds nothing secret. */
    public String name() {
        return name;
    }

    /** The name of the JCA provider whose cipher does the work, or {@code "BouncyCastle"}; never SunJCE. */
    String providerName() {
        return providerName;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * The cipher under {@code key} (32 bytes), for the segments of one stream. Takes ownership of the array:
     * {@link Keyed#close()} zeroes it. Not thread-safe, as the streams it serves are not.
     */
    Keyed withKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        try {
            return provider == null ? new BouncyCastleKeyed(key) : new JcaKeyed(key, provider);
        } catch (RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
    }

    /** AES-256-GCM under one key, one segment per call, each under its own nonce. */
    abstract static sealed class Keyed implements AutoCloseable permits JcaKeyed, BouncyCastleKeyed {
        final byte[] key;

        Keyed(byte[] key) {
            this.key = key;
        }

        /** Encrypts {@code in[0, length)} into {@code out} as ciphertext ‖ tag; returns {@code length + 16}. */
        abstract int seal(byte[] nonce, byte[] aad, byte[] in, int length, byte[] out);

        /**
         * Decrypts ciphertext ‖ tag {@code in[0, length)} into {@code out}; returns {@code length − 16}. On failure
         * {@code out} may hold unauthenticated bytes, which the caller must discard.
         *
         * @throws GeneralSecurityException if the tag does not verify
         */
        abstract int open(byte[] nonce, byte[] aad, byte[] in, int length, byte[] out)
                throws GeneralSecurityException;

        /** Zeroes the key. Copies inside the provider (its key schedule) are beyond reach, as with any JCA key. */
        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static final class JcaKeyed extends Keyed {
        private final Cipher cipher;
        private final SecretKey secretKey;

        JcaKeyed(byte[] key, Provider provider) {
            super(key);
            try {
                cipher = Cipher.getInstance(TRANSFORMATION, provider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(TRANSFORMATION + " vanished from " + provider.getName(), e);
            }
            secretKey = new LiveKey(key);
        }

        @Override
        int seal(byte[] nonce, byte[] aad, byte[] in, int length, byte[] out) {
            try {
                // One Key object for the whole stream: ACCP then keeps its native key schedule across segments.
                cipher.init(Cipher.ENCRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(aad);
                return cipher.doFinal(in, 0, length, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
        }

        @Override
        int open(byte[] nonce, byte[] aad, byte[] in, int length, byte[] out) throws GeneralSecurityException {
            cipher.init(Cipher.DECRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, 0, length, out, 0);
        }
    }

    private static final class BouncyCastleKeyed extends Keyed {
        BouncyCastleKeyed(byte[] key) {
            super(key);
        }

        private GCMBlockCipher gcm(boolean encrypt, byte[] nonce, byte[] aad) {
            GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
            gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
            return gcm;
        }

        @Override
        int seal(byte[] nonce, byte[] aad, byte[] in, int length, byte[] out) {
            GCMBlockCipher gcm = gcm(true, nonce, aad);
            int n = gcm.processBytes(in, 0, length, out, 0);
            try {
                return n + gcm.doFinal(out, n);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("GCM encryption cannot fail", e);
            }
        }

        @Override
        int open(byte[] nonce, byte[] aad, byte[] in, int length, byte[] out) throws GeneralSecurityException {
            GCMBlockCipher gcm = gcm(false, nonce, aad);
            int n = gcm.processBytes(in, 0, length, out, 0);
            try {
                return n + gcm.doFinal(out, n);
            } catch (InvalidCipherTextException e) {
                throw new AEADBadTagException(e.getMessage());
            }
        }
    }

    /**
     * A raw AES key over the caller's array, which {@link Keyed#close()} zeroes. {@code getEncoded} returns that
     * array itself rather than a copy (unlike {@code SecretKeySpec}, which keeps a copy it cannot zero), so the
     * reference ACCP keeps is zeroed with it. It never leaves this class.
     */
    private static final class LiveKey implements SecretKey {
        private final transient byte[] key;

        LiveKey(byte[] key) {
            this.key = key;
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return key;
        }

        @Override
        public String toString() {
            return "LiveKey[AES-" + key.length * 8 + "]";
        }
    }

    /** ACCP, loaded on first use of {@link #corretto()} or {@link #preferred()}. */
    private static final class Corretto {
        static final Optional<OuterGcm> LOADED = loadOrEmpty();

        private static Optional<OuterGcm> loadOrEmpty() {
            try {
                return Optional.of(Accp.load());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // a LinkageError (no jar, no native library) or what ACCP's loader recorded
                LOG.log(System.Logger.Level.WARNING, "Amazon Corretto Crypto Provider unavailable: {0}", e.toString());
                return Optional.empty();
            }
        }
    }

    /** The only class that names ACCP's types, so that a missing ACCP jar fails inside the catch above. */
    private static final class Accp {
        // NIST GCM test case 14 (McGrew & Viega): AES-256, zero key, zero 96-bit IV, one zero block, no AAD.
        private static final byte[] KNOWN_ANSWER =
                HexFormat.of().parseHex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");

        static OuterGcm load() throws Throwable {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                throw accp.getLoadingError();
            }
            // Not assertHealthy(): its self-tests cover HMAC and the DRBG, which the outer layer does not use, and
            // take ~150 ms; this known answer checks the one thing used, called as the outer layer calls it.
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, accp);
            cipher.init(Cipher.ENCRYPT_MODE, new LiveKey(new byte[32]), new GCMParameterSpec(TAG_BITS, new byte[12]));
            if (!Arrays.equals(cipher.doFinal(new byte[16]), KNOWN_ANSWER)) {
                throw new GeneralSecurityException("AES-GCM known answer does not match");
            }
            return new OuterGcm(accp.getInfo(), cipher.getProvider().getName(), accp);
        }
    }

    private static final class Preferred {
        static final OuterGcm CHOICE = Corretto.LOADED.orElse(BOUNCY_CASTLE);

        static {
            LOG.log(CHOICE == BOUNCY_CASTLE ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "DSSE-KMS outer layer AES-GCM: {0}", CHOICE.name());
        }
    }
}
