package dev.coffer.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The SSE-C key never leaves the request it came in: with every Coffer logger at TRACE, the server's log events
 * and the responses of SSE-C PUT, GET, HEAD and CopyObject (successes and AWS's errors) hold neither the key nor
 * its base64 or hex form, and the key's MD5 only where AWS echoes it, in the {@code …-customer-key-MD5} headers.
 */
class SseCKeyRedactionEndToEndTest {
    private static final String BUCKET = "ssec-redaction";
    private static final byte[] RAW_KEY = "sixteen!sixteen!SIXTEEN!SIXTEEN!".getBytes(ISO_8859_1);
    private static final byte[] OTHER_RAW_KEY = "another 32-byte customer key....".getBytes(ISO_8859_1);
    private static final String KEY = Base64.getEncoder().encodeToString(RAW_KEY);
    private static final String KEY_MD5 = md5(RAW_KEY);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(OTHER_RAW_KEY);
    private static final String OTHER_KEY_MD5 = md5(OTHER_RAW_KEY);

    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static final List<Captured> responses = new CopyOnWriteArrayList<>();
    private static Logger coffersLogger;
    private static Level coffersLevel;
    private static S3Client s3;

    /** One response as the client received it: status line, headers and body. */
    private record Captured(int status, Map<String, List<String>> headers, String body) {}

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        coffersLogger = (Logger) LoggerFactory.getLogger("dev.coffer");
        coffersLevel = coffersLogger.getLevel();
        coffersLogger.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
        s3 = S3Client.builder().endpointOverride(URI.create("https://localhost:" + coffer.https().getPort()))
                .region(Region.US_EAST_1).credentialsProvider(coffer.credentials()).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(coffer.trustingLocalCa()::getTrustManagers))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Capture()))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        s3.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        coffersLogger.setLevel(coffersLevel);
    }

    @Test
    void putGetHeadAndCopy_withSseC_leaveTheKeyInNoLogAndNoResponse() {
        s3.putObject(p -> p.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY)
                .sseCustomerKeyMD5(KEY_MD5).metadata(Map.of("note", "ssec")), RequestBody.fromString("sealed"));
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5)).asUtf8String()).isEqualTo("sealed");
        s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("secret").range("bytes=1-3").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5));
        s3.headObject(h -> h.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY)
                .sseCustomerKeyMD5(KEY_MD5));
        s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("secret").destinationBucket(BUCKET).destinationKey("copy")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY)
                .copySourceSSECustomerKeyMD5(KEY_MD5).sseCustomerAlgorithm("AES256").sseCustomerKey(OTHER_KEY)
                .sseCustomerKeyMD5(OTHER_KEY_MD5));
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("copy").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER_KEY).sseCustomerKeyMD5(OTHER_KEY_MD5)).asUtf8String()).isEqualTo("sealed");

        // AWS's errors: no key, the wrong key, a key whose MD5 does not match, the wrong copy-source key.
        assertFails(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("secret")), 400);
        assertFails(() -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER_KEY).sseCustomerKeyMD5(OTHER_KEY_MD5)), 403);
        assertFails(() -> s3.headObject(h -> h.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER_KEY).sseCustomerKeyMD5(OTHER_KEY_MD5)), 403);
        assertFails(() -> s3.putObject(p -> p.bucket(BUCKET).key("bad-md5").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(OTHER_KEY_MD5), RequestBody.fromString("x")), 400);
        assertFails(() -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("secret").destinationBucket(BUCKET)
                .destinationKey("copy2").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(OTHER_KEY)
                .copySourceSSECustomerKeyMD5(OTHER_KEY_MD5)), 403);

        assertThat(responses).hasSizeGreaterThanOrEqualTo(11);
        List<String> secrets = List.of(KEY, OTHER_KEY, HexFormat.of().formatHex(RAW_KEY),
                HexFormat.of().formatHex(OTHER_RAW_KEY), new String(RAW_KEY, ISO_8859_1),
                new String(OTHER_RAW_KEY, ISO_8859_1));
        for (Captured r : responses) {
            String all = r.headers() + "\n" + r.body();
            assertThat(all).as("response %s", r).doesNotContain(secrets);
            r.headers().forEach((name, values) -> {
                if (!name.toLowerCase(java.util.Locale.ROOT).endsWith("customer-key-md5")) {
                    assertThat(String.join(",", values)).as(name).doesNotContain(KEY_MD5, OTHER_KEY_MD5);
                }
            });
            assertThat(r.body()).doesNotContain(KEY_MD5, OTHER_KEY_MD5);
        }
        List<String> logText = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            logText.add(e.getFormattedMessage() + " " + e.getMDCPropertyMap() + " "
                    + Optional.ofNullable(e.getThrowableProxy()).map(ThrowableProxyUtil::asString).orElse(""));
        }
        assertThat(String.join("\n", logText)).doesNotContain(secrets).doesNotContain(KEY_MD5, OTHER_KEY_MD5);
    }

    private static void assertFails(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(status));
    }

    /** Records every response the client receives, body included, and hands the body on unchanged. */
    private static final class Capture implements ExecutionInterceptor {
        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            byte[] body;
            try {
                body = context.responseBody().isPresent() ? context.responseBody().get().readAllBytes() : new byte[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            responses.add(new Captured(context.httpResponse().statusCode(), context.httpResponse().headers(),
                    new String(body, UTF_8)));
            return context.responseBody().isPresent() ? Optional.of(new ByteArrayInputStream(body)) : Optional.empty();
        }
    }

    private static String md5(byte[] raw) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
