package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Nothing of an object reaches the disk in plaintext: objects written in every mode with a marker in body and
 * metadata (and a known SSE-C key), then the server is stopped and every file of the data dir is scanned. And a
 * body damaged on disk is never served: the transfer is cut off.
 */
class AtRestEncryptionEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final String MARKER = "COFFER-PLAINTEXT-MARKER-7f3a";

    @Test
    void marker_andSseCKey_appearInNoFileOfTheDataDir() throws Exception {
        String key = SseCEndToEndTest.key((byte) 0x5a);
        byte[] rawKey = java.util.Base64.getDecoder().decode(key);
        byte[] body = (MARKER + " body ").repeat(20_000).getBytes(UTF_8);
        try (S3Client s3 = coffer.s3(); S3Client https = coffer.s3Https()) {
            s3.createBucket(b -> b.bucket("at-rest"));
            s3.putObject(p -> p.bucket("at-rest").key("sse-s3").metadata(Map.of("note", MARKER))
                    .contentDisposition("attachment; filename=" + MARKER), RequestBody.fromBytes(body));
            https.putObject(p -> p.bucket("at-rest").key("sse-c").metadata(Map.of("note", MARKER))
                    .sseCustomerAlgorithm("AES256").sseCustomerKey(key).sseCustomerKeyMD5(SseCEndToEndTest.md5(key)),
                    RequestBody.fromBytes(body));
            String kmsKey;
            try (var kms = coffer.kms()) {
                kmsKey = kms.createKey(k -> { }).keyMetadata().arn();
            }
            s3.putObject(p -> p.bucket("at-rest").key("sse-kms").metadata(Map.of("note", MARKER))
                    .serverSideEncryption("aws:kms").ssekmsKeyId(kmsKey), RequestBody.fromBytes(body));
            s3.putObject(p -> p.bucket("at-rest").key("sse-kms-bucket-key").metadata(Map.of("note", MARKER))
                    .serverSideEncryption("aws:kms").ssekmsKeyId(kmsKey).bucketKeyEnabled(true), RequestBody.fromBytes(body));
            s3.putObject(p -> p.bucket("at-rest").key("dsse").metadata(Map.of("note", MARKER))
                    .serverSideEncryption("aws:kms:dsse").ssekmsKeyId(kmsKey), RequestBody.fromBytes(body));
            for (String mode : new String[] {"AES256", "aws:kms", "aws:kms:dsse"}) {
                String objectKey = "multipart-" + mode;
                String id = s3.createMultipartUpload(c -> c.bucket("at-rest").key(objectKey).serverSideEncryption(mode)
                        .metadata(Map.of("note", MARKER))).uploadId();
                byte[] part1 = (MARKER + " part ").repeat(5 * 1024 * 1024 / 30 + 1).getBytes(UTF_8);
                var p1 = s3.uploadPart(u -> u.bucket("at-rest").key(objectKey).uploadId(id).partNumber(1),
                        RequestBody.fromBytes(part1));
                var p2 = s3.uploadPart(u -> u.bucket("at-rest").key(objectKey).uploadId(id).partNumber(2),
                        RequestBody.fromBytes(body));
                s3.completeMultipartUpload(c -> c.bucket("at-rest").key(objectKey).uploadId(id).multipartUpload(m -> m.parts(
                        software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
                        software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
            }
            // An upload left in progress: its parts are on disk too.
            String open = s3.createMultipartUpload(c -> c.bucket("at-rest").key("in-progress")).uploadId();
            s3.uploadPart(u -> u.bucket("at-rest").key("in-progress").uploadId(open).partNumber(1),
                    RequestBody.fromBytes(body));
            assertThat(s3.getObjectAsBytes(g -> g.bucket("at-rest").key("sse-s3")).asByteArray()).isEqualTo(body);
            assertThat(s3.getObjectAsBytes(g -> g.bucket("at-rest").key("dsse")).asByteArray()).isEqualTo(body);
        }
        coffer.node().close();
        List<Path> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(coffer.node().dataDir())) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] content = Files.readAllBytes(p);
                if (contains(content, MARKER.getBytes(UTF_8)) || contains(content, rawKey)
                        || contains(content, key.getBytes(UTF_8))) {
                    leaks.add(p);
                }
            }
        }
        assertThat(leaks).as("files holding the marker or the SSE-C key").isEmpty();
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
