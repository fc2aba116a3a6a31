package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** SSE-C through the real S3 client over HTTPS, with AWS's answer to each way of getting the key wrong. */
class SseCEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final String BUCKET = "ssec-e2e";
    private static final String KEY = key((byte) 1);
    private static final String KEY_MD5 = md5(KEY);
    private static final String OTHER_KEY = key((byte) 2);
    private static S3Client https;
    private static S3Client http;

    @BeforeAll
    static void clients() {
        https = coffer.s3Https();
        http = coffer.s3();
        https.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        https.close();
        http.close();
    }

    @Test
    void putGetHead_withTheKey_roundTrip_andTheEtagIsNotTheMd5() throws Exception {
        byte[] body = ObjectsEndToEndTest.random(150_000);
        PutObjectResponse put = https.putObject(p -> p.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5).metadata(java.util.Map.of("m", "v")),
                RequestBody.fromBytes(body));
        assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(KEY_MD5);
        assertThat(put.serverSideEncryption()).isNull();
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        assertThat(put.eTag()).isNotEqualTo("\"" + md5 + "\"").matches("\"[0-9a-f]{32}\"");

        byte[] got = https.getObjectAsBytes(g -> g.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5)).asByteArray();
        assertThat(got).isEqualTo(body);
        GetObjectResponse range = https.getObjectAsBytes(g -> g.bucket(BUCKET).key("secret").range("bytes=100-199")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5)).response();
        assertThat(range.contentLength()).isEqualTo(100);
        HeadObjectResponse head = https.headObject(h -> h.bucket(BUCKET).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5));
        assertThat(head.sseCustomerKeyMD5()).isEqualTo(KEY_MD5);
        assertThat(head.metadata()).containsEntry("m", "v");
        assertThat(head.eTag()).isEqualTo(put.eTag());
    }

    @Test
    void wrongOrMissingKey_getsAwsErrors() {
        https.putObject(p -> p.bucket(BUCKET).key("locked").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY)
                .sseCustomerKeyMD5(KEY_MD5), RequestBody.fromString("locked"));
        assertError(() -> https.getObjectAsBytes(g -> g.bucket(BUCKET).key("locked")), 400, "InvalidRequest",
                "The object was stored using a form of Server Side Encryption. The correct parameters must be "
                        + "provided to retrieve the object.");
        assertThatThrownBy(() -> https.headObject(h -> h.bucket(BUCKET).key("locked")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertError(() -> https.getObjectAsBytes(g -> g.bucket(BUCKET).key("locked").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER_KEY).sseCustomerKeyMD5(md5(OTHER_KEY))), 403, "AccessDenied", "Access Denied");
        assertThatThrownBy(() -> https.headObject(h -> h.bucket(BUCKET).key("locked").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER_KEY).sseCustomerKeyMD5(md5(OTHER_KEY))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertError(() -> https.putObject(p -> p.bucket(BUCKET).key("x").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(md5(OTHER_KEY)), RequestBody.fromString("x")), 400,
                "InvalidArgument", "The calculated MD5 hash of the key did not match the hash that was provided.");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertError(() -> https.putObject(p -> p.bucket(BUCKET).key("x").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(shortKey).sseCustomerKeyMD5(md5(shortKey)), RequestBody.fromString("x")), 400,
                "InvalidArgument", "The secret key was invalid for the specified algorithm.");
        https.putObject(p -> p.bucket(BUCKET).key("plain"), RequestBody.fromString("plain"));
        assertError(() -> https.getObjectAsBytes(g -> g.bucket(BUCKET).key("plain").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5)), 400, "InvalidRequest",
                "The encryption parameters are not applicable to this object.");
    }

    @Test
    void sseC_overPlainHttp_isRefused() {
        assertError(() -> http.putObject(p -> p.bucket(BUCKET).key("clear").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY).sseCustomerKeyMD5(KEY_MD5), RequestBody.fromString("x")), 400, "InvalidRequest",
                "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure "
                        + "connection.");
        assertThatThrownBy(() -> http.headObject(h -> h.bucket(BUCKET).key("clear"))).isInstanceOf(S3Exception.class);
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status,
            String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    static String key(byte fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, fill);
        return Base64.getEncoder().encodeToString(k);
    }

    static String md5(String base64Key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                    .digest(Base64.getDecoder().decode(base64Key)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
