package dev.coffer.bench;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.stream.BodyCipher;
import dev.coffer.crypto.stream.BodyParameters;
import dev.coffer.crypto.stream.OuterLayerCipher;
import dev.coffer.sigv4.Credential;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.RequestParts;
import dev.coffer.sigv4.SigV4Verifier;
import dev.coffer.sigv4.VerifiedBody;
import dev.coffer.store.BlobId;
import dev.coffer.store.PendingBlob;
import dev.coffer.store.fs.FileBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The server's PUT body pipeline stage by stage, on one thread, so what encryption costs can be set against
 * the rest: an aws-chunked upload as the AWS SDK sends it over HTTP (signed chunks, CRC32 trailer) is verified
 * and decoded ({@link VerifiedBody}), copied in 64 KiB buffers through the MD5 for the ETag and
 * {@link BodyCipher} into a blob of a {@link FileBlobStore} that is committed (fsync, rename) — what
 * {@code dev.coffer.s3.object.Bodies.write} and {@code ObjectWrites.put} do — then deleted.
 *
 * <p>{@code sseS3} is that pipeline; {@code dsse} adds the outer layer; {@code withoutCipher} is the same
 * pipeline with the cipher stage taken out (plaintext to the blob: a benchmark-only path, the server has
 * none); {@code withoutCipherOrMd5} also drops the MD5; {@code verifyOnly} only verifies and decodes;
 * {@code md5Only} and {@code cipherOnly} run one stage over the plaintext in memory. Divide the object size by
 * the time for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BodyPipelineBenchmark {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final int COPY_BUFFER = 64 * 1024;

    @Param({"1048576", "67108864"})
    int objectBytes;

    private SigV4Verifier<String> verifier;
    private RequestParts put;
    private byte[] wire;
    private byte[] plaintext;
    private Path dir;
    private FileBlobStore blobs;
    private final SecureRandom random = new SecureRandom();
    private final byte[] buffer = new byte[COPY_BUFFER];
    private final byte[] aad = "load/some/key\u0000version\u0000body".getBytes(StandardCharsets.UTF_8);
    private Secret dataKey;
    private Secret outerKey;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Credential<String> credential = Credential.longTerm(ACCESS_KEY,
                Secret.copyOf(SECRET.getBytes(StandardCharsets.UTF_8)), "root");
        verifier = SigV4Verifier.<String>builder(id -> id.equals(ACCESS_KEY) ? Optional.of(credential)
                : Optional.empty()).clock(InstantSource.fixed(NOW)).build();
        plaintext = new byte[objectBytes];
        new Random(1).nextBytes(plaintext);
        SignedRequest signed = sign(SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("http://127.0.0.1:9000/load/some/key"))
                .putHeader("Content-Length", Integer.toString(objectBytes)).build(), plaintext);
        put = parts(signed.request());
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            wire = in.readAllBytes();
        }
        dir = Files.createTempDirectory("coffer-pipeline-bench");
        blobs = FileBlobStore.open(dir, random);
        dataKey = Secret.random(32, random);
        outerKey = Secret.random(32, random);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long sseS3() throws IOException {
        return pipeline(true, false, true);
    }

    @Benchmark
    public long dsse() throws IOException {
        return pipeline(true, true, true);
    }

    @Benchmark
    public long withoutCipher() throws IOException {
        return pipeline(false, false, true);
    }

    @Benchmark
    public long withoutCipherOrMd5() throws IOException {
        return pipeline(false, false, false);
    }

    @Benchmark
    public long verifyOnly() throws IOException {
        long total = 0;
        try (VerifiedBody body = verifier.verify(put).openBody(new ByteArrayInputStream(wire))) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    @Benchmark
    public byte[] md5Only() {
        MessageDigest md5 = md5();
        for (int i = 0; i < objectBytes; i += COPY_BUFFER) {
            md5.update(plaintext, i, Math.min(COPY_BUFFER, objectBytes - i));
        }
        return md5.digest();
    }

    @Benchmark
    public long cipherOnly() throws IOException {
        Counting sink = new Counting();
        try (OutputStream out = BodyCipher.create(dataKey, BodyParameters.DEFAULT).encryptingStream(sink, aad)) {
            for (int i = 0; i < objectBytes; i += COPY_BUFFER) {
                out.write(plaintext, i, Math.min(COPY_BUFFER, objectBytes - i));
            }
        }
        return sink.count;
    }

    private long pipeline(boolean encrypt, boolean outer, boolean withMd5) throws IOException {
        BlobId id;
        long total = 0;
        MessageDigest md5 = md5();
        try (VerifiedBody body = verifier.verify(put).openBody(new ByteArrayInputStream(wire));
                PendingBlob pending = blobs.create()) {
            OutputStream target = pending.outputStream();
            if (outer) {
                target = OuterLayerCipher.create(outerKey).encryptingStream(target, aad, random);
            }
            try (OutputStream out = encrypt
                    ? BodyCipher.create(dataKey, BodyParameters.DEFAULT).encryptingStream(target, aad) : target) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    if (withMd5) {
                        md5.update(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                    total += n;
                }
            }
            md5.digest();
            id = pending.commit();
        }
        blobs.delete(id);
        return total;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static SignedRequest sign(SdkHttpFullRequest request, byte[] body) {
        return AwsV4HttpSigner.create().sign(b -> b.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET))
                .request(request)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
    }

    private static RequestParts parts(SdkHttpRequest request) {
        Headers.Builder h = Headers.builder();
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            for (String v : e.getValue()) {
                h.add(e.getKey(), v);
            }
        }
        if (!request.headers().containsKey("Host")) {
            h.add("Host", request.host() + ":" + request.port());
        }
        String path = request.encodedPath().isEmpty() ? "/" : request.encodedPath();
        return new RequestParts(request.method().name(), path, request.encodedQueryParameters().orElse(""), h.build());
    }
}
