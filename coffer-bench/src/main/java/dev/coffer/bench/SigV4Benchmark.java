package dev.coffer.bench;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.Credential;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.RequestParts;
import dev.coffer.sigv4.SigV4Verifier;
import dev.coffer.sigv4.VerifiedBody;
import dev.coffer.sigv4.VerifiedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
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
 * SigV4 verification as the server does it for every request: a KMS-sized JSON POST (the body hashed by
 * the verifier), an S3 GET with header auth, and the streaming decode of a 1 MiB aws-chunked upload
 * with chunk signatures and a CRC32 trailer. Requests are signed once by the AWS SDK's own signer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4Benchmark {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private SigV4Verifier<String> verifier;
    private RequestParts kmsRequest;
    private byte[] kmsBody;
    private RequestParts s3Get;
    private RequestParts chunkedPut;
    private byte[] chunkedWire;
    private final byte[] sink = new byte[256 * 1024];

    @Setup
    public void setUp() throws IOException {
        Credential<String> credential = Credential.longTerm(ACCESS_KEY,
                Secret.copyOf(SECRET.getBytes(StandardCharsets.UTF_8)), "root");
        verifier = SigV4Verifier.<String>builder(id -> id.equals(ACCESS_KEY) ? Optional.of(credential)
                : Optional.empty()).clock(InstantSource.fixed(NOW)).build();

        kmsBody = "{\"KeyId\":\"alias/bench\",\"Plaintext\":\"aGVsbG8gd29ybGQ=\"}".getBytes(StandardCharsets.UTF_8);
        SignedRequest kms = sign(SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:9000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TrentService.Encrypt")
                .putHeader("Content-Length", Integer.toString(kmsBody.length)).build(), kmsBody, "kms", false);
        kmsRequest = parts(kms.request());

        s3Get = parts(sign(SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:9000/bucket/some/key.txt")).build(), null, "s3", false).request());

        byte[] upload = new byte[1024 * 1024];
        new Random(1).nextBytes(upload);
        SignedRequest put = sign(SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("http://127.0.0.1:9000/bucket/object"))
                .putHeader("Content-Length", Integer.toString(upload.length)).build(), upload, "s3", true);
        chunkedPut = parts(put.request());
        try (InputStream in = put.payload().orElseThrow().newStream()) {
            chunkedWire = in.readAllBytes();
        }
    }

    @Benchmark
    public VerifiedRequest<String> kmsPostWithBody() {
        return verifier.verify(kmsRequest, kmsBody);
    }

    @Benchmark
    public VerifiedRequest<String> s3GetHeaderAuth() {
        return verifier.verify(s3Get);
    }

    /** Verify plus decode of 1 MiB: divide 1 MiB by the time for MB/s. */
    @Benchmark
    public long s3ChunkedPut1MiB() throws IOException {
        VerifiedRequest<String> v = verifier.verify(chunkedPut);
        long total = 0;
        try (VerifiedBody body = v.openBody(new ByteArrayInputStream(chunkedWire))) {
            for (int n; (n = body.read(sink)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    private static SignedRequest sign(SdkHttpFullRequest request, byte[] body, String service, boolean chunked) {
        return AwsV4HttpSigner.create().sign(b -> {
            b.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET))
                    .request(request)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (service.equals("s3")) {
                b.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            }
            if (body != null) {
                b.payload(() -> new ByteArrayInputStream(body));
                b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
            }
            if (chunked) {
                b.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                        .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
        });
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
        String query = request.encodedQueryParameters().orElse("");
        return new RequestParts(request.method().name(), path, query, h.build());
    }
}
