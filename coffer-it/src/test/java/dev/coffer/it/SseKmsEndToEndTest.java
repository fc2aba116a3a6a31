package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncryptionType;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** SSE-KMS, DSSE-KMS, bucket keys and bucket default encryption through the real S3 and KMS clients. */
class SseKmsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static S3Client s3;
    private static S3Client https;
    private static KmsClient kms;

    @BeforeAll
    static void clients() {
        s3 = coffer.s3();
        https = coffer.s3Https();
        kms = coffer.kms();
    }

    @AfterAll
    static void close() {
        s3.close();
        https.close();
        kms.close();
    }

    private static String newKey() {
        return kms.createKey(k -> { }).keyMetadata().arn();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void sseKms_withAKeyAliasAndContext_roundTrips_echoesTheKeyArn_andIsNotAnMd5Etag() {
        s3.createBucket(b -> b.bucket("kms-basic"));
        String arn = newKey();
        kms.createAlias(a -> a.aliasName("alias/s3-e2e").targetKeyId(arn));
        String context = Base64.getEncoder().encodeToString("{\"project\":\"coffer\"}".getBytes(UTF_8));
        byte[] body = random(200_000);
        PutObjectResponse put = s3.putObject(p -> p.bucket("kms-basic").key("k").serverSideEncryption("aws:kms")
                .ssekmsKeyId("alias/s3-e2e").ssekmsEncryptionContext(context), RequestBody.fromBytes(body));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(arn);
        assertThat(new String(Base64.getDecoder().decode(put.ssekmsEncryptionContext()), UTF_8))
                .contains("\"aws:s3:arn\":\"arn:aws:s3:::kms-basic/k\"").contains("\"project\":\"coffer\"");
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket("kms-basic").key("k"));
        assertThat(got.asByteArray()).isEqualTo(body);
        assertThat(got.response().ssekmsKeyId()).isEqualTo(arn);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(got.response().eTag()).doesNotContain(md5Hex(body));
        byte[] range = s3.getObjectAsBytes(g -> g.bucket("kms-basic").key("k").range("bytes=70000-70009")).asByteArray();
        assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(body, 70000, 70010));
    }

    @Test
    void sseKms_withoutAKey_usesTheManagedKey_createdOnFirstUse() {
        s3.createBucket(b -> b.bucket("kms-managed"));
        PutObjectResponse a = s3.putObject(p -> p.bucket("kms-managed").key("a").serverSideEncryption("aws:kms"),
                RequestBody.fromString("a"));
        PutObjectResponse b = s3.putObject(p -> p.bucket("kms-managed").key("b").serverSideEncryption("aws:kms"),
                RequestBody.fromString("b"));
        assertThat(a.ssekmsKeyId()).startsWith("arn:aws:kms:").isEqualTo(b.ssekmsKeyId());
        assertThat(s3.getObjectAsBytes(g -> g.bucket("kms-managed").key("b")).asUtf8String()).isEqualTo("b");
    }

    @Test
    void disabledKey_makesGetFail_withKmsDisabledException_andEnablingItAgainRestoresReads() {
        s3.createBucket(b -> b.bucket("kms-disabled"));
        String arn = newKey();
        s3.putObject(p -> p.bucket("kms-disabled").key("k").serverSideEncryption("aws:kms").ssekmsKeyId(arn),
                RequestBody.fromString("secret"));
        kms.disableKey(d -> d.keyId(arn));
        assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket("kms-disabled").key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.DisabledException");
                });
        kms.enableKey(d -> d.keyId(arn));
        assertThat(s3.getObjectAsBytes(g -> g.bucket("kms-disabled").key("k")).asUtf8String()).isEqualTo("secret");
        kms.scheduleKeyDeletion(d -> d.keyId(arn).pendingWindowInDays(7));
        assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket("kms-disabled").key("k")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.KMSInvalidStateException"));
    }

    @Test
    void bucketKey_manyObjects_costOneKmsCall_andEveryObjectReadsBack() {
        s3.createBucket(b -> b.bucket("kms-bucket-key"));
        String arn = newKey();
        long before = coffer.node().s3().kmsCallCount();
        for (int i = 0; i < 25; i++) {
            int n = i;
            PutObjectResponse put = s3.putObject(p -> p.bucket("kms-bucket-key").key("o" + n).serverSideEncryption("aws:kms")
                    .ssekmsKeyId(arn).bucketKeyEnabled(true), RequestBody.fromString("object " + n));
            assertThat(put.bucketKeyEnabled()).isTrue();
        }
        for (int i = 0; i < 25; i++) {
            int n = i;
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket("kms-bucket-key").key("o" + n));
            assertThat(got.asUtf8String()).isEqualTo("object " + n);
            assertThat(got.response().bucketKeyEnabled()).isTrue();
        }
        assertThat(coffer.node().s3().kmsCallCount() - before).as("KMS calls for 25 PUTs and 25 GETs").isEqualTo(1);

        s3.createBucket(b -> b.bucket("kms-no-bucket-key"));
        long without = coffer.node().s3().kmsCallCount();
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(p -> p.bucket("kms-no-bucket-key").key("o" + n).serverSideEncryption("aws:kms").ssekmsKeyId(arn),
                    RequestBody.fromString("x"));
        }
        assertThat(coffer.node().s3().kmsCallCount() - without).isEqualTo(5);
    }

    @Test
    void dsseKms_roundTrips_withRanges_andAnswersItsMode() {
        s3.createBucket(b -> b.bucket("dsse"));
        String arn = newKey();
        byte[] body = random(300_000);
        PutObjectResponse put = s3.putObject(p -> p.bucket("dsse").key("k").serverSideEncryption("aws:kms:dsse")
                .ssekmsKeyId(arn), RequestBody.fromBytes(body));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
        assertThat(put.ssekmsKeyId()).isEqualTo(arn);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("dsse").key("k")).asByteArray()).isEqualTo(body);
        for (String r : new String[] {"bytes=0-0", "bytes=65530-131100", "bytes=-5", "bytes=299990-"}) {
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket("dsse").key("k").range(r));
            String[] span = got.response().contentRange().replace("bytes ", "").split("[-/]");
            assertThat(got.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, Integer.parseInt(span[0]),
                    Integer.parseInt(span[1]) + 1));
        }
        HeadObjectResponse head = s3.headObject(h -> h.bucket("dsse").key("k"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
        assertThat(s3.putObject(p -> p.bucket("dsse").key("empty").serverSideEncryption("aws:kms:dsse"),
                RequestBody.empty()).eTag()).isNotNull();
        assertThat(s3.getObjectAsBytes(g -> g.bucket("dsse").key("empty")).asByteArray()).isEmpty();
    }

    @Test
    void bucketEncryption_showsSseS3ByDefault_appliesToPlainPuts_andDeleteRestoresTheDefault() {
        s3.createBucket(b -> b.bucket("default-enc"));
        GetBucketEncryptionResponse initial = s3.getBucketEncryption(g -> g.bucket("default-enc"));
        assertThat(initial.serverSideEncryptionConfiguration().rules().getFirst().applyServerSideEncryptionByDefault()
                .sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        String arn = newKey();
        s3.putBucketEncryption(p -> p.bucket("default-enc").serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(arn)).bucketKeyEnabled(true).build())));
        ServerSideEncryptionRule rule = s3.getBucketEncryption(g -> g.bucket("default-enc"))
                .serverSideEncryptionConfiguration().rules().getFirst();
        assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo(arn);
        assertThat(rule.bucketKeyEnabled()).isTrue();
        PutObjectResponse put = s3.putObject(p -> p.bucket("default-enc").key("plain"), RequestBody.fromString("x"));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(arn);
        assertThat(put.bucketKeyEnabled()).isTrue();
        assertThat(s3.putObject(p -> p.bucket("default-enc").key("s3").serverSideEncryption("AES256"),
                RequestBody.fromString("x")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        s3.deleteBucketEncryption(d -> d.bucket("default-enc"));
        assertThat(s3.putObject(p -> p.bucket("default-enc").key("after"), RequestBody.fromString("x"))
                .serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("default-enc").key("plain")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void blockedSseC_refusesSseCWrites_with403_whileExistingSseCObjectsStillRead() {
        https.createBucket(b -> b.bucket("block-ssec"));
        String key = SseCEndToEndTest.key((byte) 9);
        String md5 = SseCEndToEndTest.md5(key);
        https.putObject(p -> p.bucket("block-ssec").key("old").sseCustomerAlgorithm("AES256").sseCustomerKey(key)
                .sseCustomerKeyMD5(md5), RequestBody.fromString("old"));
        https.putBucketEncryption(p -> p.bucket("block-ssec").serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm(ServerSideEncryption.AES256))
                        .blockedEncryptionTypes(t -> t.encryptionType(EncryptionType.SSE_C)).build())));
        assertThat(https.getBucketEncryption(g -> g.bucket("block-ssec")).serverSideEncryptionConfiguration().rules()
                .getFirst().blockedEncryptionTypes().encryptionType()).containsExactly(EncryptionType.SSE_C);
        assertThatThrownBy(() -> https.putObject(p -> p.bucket("block-ssec").key("new").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key).sseCustomerKeyMD5(md5), RequestBody.fromString("new")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThat(https.getObjectAsBytes(g -> g.bucket("block-ssec").key("old").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key).sseCustomerKeyMD5(md5)).asUtf8String()).isEqualTo("old");
        assertThat(https.putObject(p -> p.bucket("block-ssec").key("plain"), RequestBody.fromString("ok")).eTag())
                .isNotNull();
    }

    @Test
    void kmsKeyThatDoesNotExist_isKmsNotFound_onPut() {
        s3.createBucket(b -> b.bucket("kms-missing"));
        assertThatThrownBy(() -> s3.putObject(p -> p.bucket("kms-missing").key("k").serverSideEncryption("aws:kms")
                .ssekmsKeyId("alias/does-not-exist"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.NotFoundException"));
    }

    static String md5Hex(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
