package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A node started with {@code --allow-sse-c-over-http} takes SSE-C keys on its plain HTTP listener. */
class SseCOverHttpEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension().allowingSseCOverHttp();

    @Test
    void sseC_overPlainHttp_works_whenAllowed() {
        String key = SseCEndToEndTest.key((byte) 9);
        String md5 = SseCEndToEndTest.md5(key);
        try (S3Client s3 = coffer.s3()) {
            s3.createBucket(b -> b.bucket("ssec-http"));
            s3.putObject(p -> p.bucket("ssec-http").key("k").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                    .sseCustomerKeyMD5(md5), RequestBody.fromString("over http"));
            assertThat(s3.getObjectAsBytes(g -> g.bucket("ssec-http").key("k").sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(key).sseCustomerKeyMD5(md5)).asUtf8String()).isEqualTo("over http");
        }
    }
}
