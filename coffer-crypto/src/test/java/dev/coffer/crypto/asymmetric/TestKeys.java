package dev.coffer.crypto.asymmetric;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Key pairs shared by every test class in the JVM, so that slow specs (RSA-4096) are generated once. */
final class TestKeys {
    static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<AsymmetricKeySpec, AsymmetricKeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {}

    /** Shared: never close it. */
    static AsymmetricKeyPair pair(AsymmetricKeySpec spec) {
        return PAIRS.computeIfAbsent(spec, s -> AsymmetricKeyPair.generate(s, RANDOM));
    }

    static byte[] randomBytes(int length) {
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] flipBit(byte[] in, int index) {
        byte[] out = in.clone();
        out[index] ^= 0x01;
        return out;
    }
}
