package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What DESIGN.md promises about a write, checked against a real server process killed with SIGKILL
 * ({@code Process.destroyForcibly()}): an acknowledged PUT survives; a PUT cut off mid-body leaves no object and,
 * after the restart, no blob and no temp file; an overwrite is atomic for concurrent readers.
 */
@Tag("slow")
class DurabilityEndToEndTest {
    private static final String ACCESS_KEY = "AKIADURABILITYTEST01";
    private static final String SECRET = "durability/test/secret/key/0000000000000";

    @TempDir
    Path dir;

    @Test
    void acknowledgedPut_survivesKill9() throws Exception {
        byte[] body = ObjectsEndToEndTest.random(1_500_000);
        try (Server server = Server.start(dir); S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("durable"));
            s3.putObject(p -> p.bucket("durable").key("k"), RequestBody.fromBytes(body));
            server.kill();
        }
        try (Server server = Server.start(dir); S3Client s3 = server.client()) {
            assertThat(s3.getObjectAsBytes(g -> g.bucket("durable").key("k")).asByteArray()).isEqualTo(body);
        }
    }

    @Test
    void putCutOffMidBody_leavesNoObject_andNoBlobAfterRestart() throws Exception {
        try (Server server = Server.start(dir); S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("cut"));
            CountDownLatch halfSent = new CountDownLatch(1);
            long size = 8L * 1024 * 1024;
            InputStream stalling = new InputStream() {
                long sent;

                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (sent >= size / 2) {
                        halfSent.countDown();
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            throw new IOException("interrupted");
                        }
                    }
                    int n = (int) Math.min(len, size / 2 - sent);
                    Arrays.fill(b, off, off + n, (byte) 'x');
                    sent += n;
                    return n;
                }
            };
            ExecutorService uploader = Executors.newSingleThreadExecutor();
            Future<?> put = uploader.submit(() -> s3.putObject(p -> p.bucket("cut").key("k"),
                    RequestBody.fromInputStream(stalling, size)));
            assertThat(halfSent.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // let the server write what it received into its temp file
            assertThat(files(dir.resolve("data/blobs/tmp"))).isNotEmpty();
            server.kill();
            put.cancel(true);
            uploader.shutdownNow();
        }
        try (Server server = Server.start(dir); S3Client s3 = server.client()) {
            assertThatThrownBy(() -> s3.headObject(h -> h.bucket("cut").key("k")))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            assertThat(files(dir.resolve("data/blobs/tmp"))).isEmpty();
            assertThat(files(dir.resolve("data/blobs/blobs"))).isEmpty();
            assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket("cut").key("k")))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @Test
    void overwrite_isAtomicForConcurrentReaders() throws Exception {
        byte[] a = new byte[700_000];
        byte[] b = new byte[700_000];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        try (Server server = Server.start(dir); S3Client s3 = server.client()) {
            s3.createBucket(c -> c.bucket("atomic"));
            s3.putObject(p -> p.bucket("atomic").key("k"), RequestBody.fromBytes(a));
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            ExecutorService readers = Executors.newFixedThreadPool(3);
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                reads.add(readers.submit(() -> {
                    while (writing.get()) {
                        byte[] got = s3.getObjectAsBytes(g -> g.bucket("atomic").key("k")).asByteArray();
                        seen.add(Arrays.equals(got, a) ? "a" : Arrays.equals(got, b) ? "b" : "MIXED");
                    }
                }));
            }
            for (int i = 0; i < 20; i++) {
                s3.putObject(p -> p.bucket("atomic").key("k"), RequestBody.fromBytes(i % 2 == 0 ? b : a));
            }
            writing.set(false);
            for (Future<?> r : reads) {
                r.get(60, TimeUnit.SECONDS);
            }
            readers.shutdown();
            assertThat(seen).isNotEmpty().doesNotContain("MIXED");
            assertThat(files(dir.resolve("data/blobs/blobs"))).hasSize(1);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** {@code coffer server} in its own JVM, on the test class path, HTTP only. */
    private static final class Server implements AutoCloseable {
        private final Process process;
        private final URI endpoint;

        private Server(Process process, URI endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static Server start(Path dir) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.coffer.app.Main", "server", "--data-dir", dir.resolve("data").toString(),
                    "--listen", "127.0.0.1:" + port, "--tls-listen", "off")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + port + ".log").toFile());
            pb.environment().put("COFFER_ROOT_ACCESS_KEY_ID", ACCESS_KEY);
            pb.environment().put("COFFER_ROOT_SECRET_ACCESS_KEY", SECRET);
            Server server = new Server(pb.start(), URI.create("http://127.0.0.1:" + port));
            server.awaitHealthy();
            return server;
        }

        private void awaitHealthy() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (HttpClient http = HttpClient.newHttpClient()) {
                while (System.nanoTime() < deadline) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("server exited with " + process.exitValue());
                    }
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/-/health")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            return;
                        }
                    } catch (IOException e) {
                        // not listening yet
                    }
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("server did not start");
        }

        S3Client client() {
            return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                    .build();
        }

        /** SIGKILL: no shutdown hook, no graceful stop, no flush. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
