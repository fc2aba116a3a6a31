package dev.coffer.bench;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.stream.BodyCipher;
import dev.coffer.crypto.stream.BodyParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Object body encryption: Tink's AES-GCM-HKDF streaming (what {@link BodyCipher} uses) against a bare
 * JDK STREAM construction (one {@code Cipher.init} + {@code doFinal} per segment, nonce = prefix ‖ index ‖
 * last flag) — the fastest a home-made construction could be — for segment sizes from 64 KiB to 1 MiB.
 * Each operation encrypts or decrypts a whole 8 MiB object; {@code rangeRead64KiB} decrypts 64 KiB from the
 * middle of it, which shows what a segment size costs a small range read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObjectBodyBenchmark {
    static final int OBJECT_BYTES = 8 * 1024 * 1024;

    @Param({"65536", "262144", "1048576"})
    int segmentSize;

    private byte[] plaintext;
    private byte[] tinkCiphertext;
    private byte[] jdkCiphertext;
    private BodyCipher tink;
    private SecretKeySpec jdkKey;
    private final byte[] aad = "bucket/key/version".getBytes();
    private final byte[] noncePrefix = new byte[7];
    private final byte[] sink = new byte[1 << 20];

    @Setup
    public void setUp() throws Exception {
        plaintext = new byte[OBJECT_BYTES];
        new Random(1).nextBytes(plaintext);
        byte[] key = new byte[32];
        new Random(2).nextBytes(key);
        tink = BodyCipher.create(Secret.copyOf(key), new BodyParameters(segmentSize));
        jdkKey = new SecretKeySpec(key, "AES");
        Capture out = new Capture(OBJECT_BYTES + OBJECT_BYTES / 64 + 4096);
        try (OutputStream enc = tink.encryptingStream(out, aad)) {
            enc.write(plaintext);
        }
        tinkCiphertext = java.util.Arrays.copyOf(out.bytes, out.size);
        jdkCiphertext = jdkEncrypt();
    }

    @Benchmark
    public byte[] tinkEncrypt() throws IOException {
        Capture out = new Capture(OBJECT_BYTES + OBJECT_BYTES / 64 + 4096);
        try (OutputStream enc = tink.encryptingStream(out, aad)) {
            for (int i = 0; i < OBJECT_BYTES; i += 1 << 16) {
                enc.write(plaintext, i, 1 << 16); // the size the server copies request bodies in
            }
        }
        return out.bytes;
    }

    @Benchmark
    public long tinkDecrypt() throws IOException {
        return drain(tink.decryptingStream(new ArrayChannel(tinkCiphertext), OBJECT_BYTES, 0, OBJECT_BYTES - 1, aad));
    }

    @Benchmark
    public long tinkRangeRead64KiB() throws IOException {
        long first = OBJECT_BYTES / 2 + 1000;
        return drain(tink.decryptingStream(new ArrayChannel(tinkCiphertext), OBJECT_BYTES, first,
                first + 65535, aad));
    }

    @Benchmark
    public byte[] jdkEncrypt() throws GeneralSecurityException {
        int p = segmentSize - 16;
        int segments = (OBJECT_BYTES + p - 1) / p;
        byte[] out = new byte[OBJECT_BYTES + segments * 16];
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        for (int i = 0, in = 0, o = 0; i < segments; i++) {
            int n = Math.min(p, OBJECT_BYTES - in);
            c.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce(i, i == segments - 1)));
            o += c.doFinal(plaintext, in, n, out, o);
            in += n;
        }
        return out;
    }

    @Benchmark
    public long jdkDecrypt() throws GeneralSecurityException {
        int p = segmentSize - 16;
        int segments = (OBJECT_BYTES + p - 1) / p;
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] out = new byte[p];
        long total = 0;
        for (int i = 0, in = 0; i < segments; i++) {
            int n = Math.min(segmentSize, jdkCiphertext.length - in);
            c.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce(i, i == segments - 1)));
            total += c.doFinal(jdkCiphertext, in, n, out, 0);
            in += n;
        }
        return total;
    }

    private byte[] nonce(int segment, boolean last) {
        ByteBuffer b = ByteBuffer.allocate(12).put(noncePrefix).putInt(segment).put((byte) (last ? 1 : 0));
        return b.array();
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        try (in) {
            for (int n; (n = in.read(sink)) > 0; ) {
                total += n;
            }
        }
        return total;
    }
}
