package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffer encrypt} / {@code decrypt} stream in constant memory: 1 GiB through a forked {@code coffer} JVM
 * with a 64 MiB heap each way, plaintext generated into its stdin and hashed from its stdout (so the test
 * itself holds no more than a buffer either).
 */
@Tag("slow")
class EncryptCliSmallHeapTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    private static final long SIZE = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void oneGiB_encryptsAndDecrypts_inA64MiBHeap() throws Exception {
        String key = coffer.kms().createKey(b -> b.description("small heap")).keyMetadata().arn();
        Path sealed = dir.resolve("sealed");

        Process encrypt = coffer("encrypt", "-q", "-k", key, "-", sealed.toString());
        CompletableFuture<String> stderr = drain(encrypt.getErrorStream());
        String plainHash;
        try (OutputStream stdin = encrypt.getOutputStream()) {
            plainHash = writeRandom(stdin, SIZE);
        }
        assertThat(encrypt.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(encrypt.exitValue()).as(stderr.get()).isZero();
        assertThat(Files.size(sealed)).isGreaterThan(SIZE);

        Process decrypt = coffer("decrypt", "-q", "-k", key, sealed.toString(), "-");
        CompletableFuture<String> decryptErr = drain(decrypt.getErrorStream());
        decrypt.getOutputStream().close();
        String restoredHash = sha256(decrypt.getInputStream());
        assertThat(decrypt.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(decrypt.exitValue()).as(decryptErr.get()).isZero();
        assertThat(restoredHash).isEqualTo(plainHash);
    }

    private Process coffer(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.coffer.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", coffer.accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", coffer.secretAccessKey());
        builder.environment().put("AWS_ENDPOINT_URL", coffer.http().toString());
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().remove("AWS_PROFILE");
        return builder.start();
    }

    private static String writeRandom(OutputStream out, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(42);
        byte[] buffer = new byte[1 << 20];
        for (long left = size; left > 0; left -= buffer.length) {
            EncryptCliEndToEndTest.fill(random, buffer);
            int n = (int) Math.min(left, buffer.length);
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }
}
