package dev.coffer.bench;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.stream.OuterGcm;
import dev.coffer.crypto.stream.OuterLayerCipher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DSSE-KMS outer layer ({@link OuterLayerCipher}) with each of its AES-GCM implementations: AWS-LC through the
 * Amazon Corretto Crypto Provider (what {@link OuterGcm#preferred()} picks on Linux x86-64) and BouncyCastle's pure
 * Java (the fallback). Each invocation encrypts or decrypts a whole 8 MiB body (the inner ciphertext), as the
 * server streams it: 64 KiB writes in, 1 MiB reads out. The score is MiB/s (8 operations of 1 MiB per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // ACCP loads a native library
public class OuterLayerBenchmark {
    static final int BODY_BYTES = 8 * 1024 * 1024;
    static final int MIB = BODY_BYTES / (1024 * 1024);

    @Param({"accp", "bouncycastle"})
    String gcm;

    private final byte[] aad = "outer body bucket/key/version".getBytes();
    private final SecureRandom random = new SecureRandom();
    private final byte[] sink = new byte[1 << 20];
    private Secret key;
    private OuterLayerCipher cipher;
    private byte[] inner;
    private byte[] sealed;

    @Setup
    public void setUp() throws IOException {
        OuterGcm implementation = switch (gcm) {
            case "accp" -> OuterGcm.corretto().orElseThrow(() -> new IllegalStateException("ACCP does not load"));
            case "bouncycastle" -> OuterGcm.bouncyCastle();
            default -> throw new IllegalArgumentException(gcm);
        };
        key = Secret.random(32, random);
        cipher = OuterLayerCipher.create(key, implementation);
        inner = new byte[BODY_BYTES];
        new Random(1).nextBytes(inner);
        sealed = encrypt(); // exactly ciphertextSize long
    }

    @TearDown
    public void tearDown() {
        key.close();
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public byte[] encrypt() throws IOException {
        Capture out = new Capture((int) OuterLayerCipher.ciphertextSize(BODY_BYTES));
        try (OutputStream enc = cipher.encryptingStream(out, aad, random)) {
            for (int i = 0; i < BODY_BYTES; i += 1 << 16) {
                enc.write(inner, i, 1 << 16); // the size the server copies request bodies in
            }
        }
        return out.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long decrypt() throws IOException {
        long total = 0;
        try (SeekableByteChannel in = cipher.decryptingChannel(new ArrayChannel(sealed), aad)) {
            ByteBuffer buffer = ByteBuffer.wrap(sink);
            for (int n; (n = in.read(buffer.clear())) > 0; ) {
                total += n;
            }
        }
        return total;
    }
}
