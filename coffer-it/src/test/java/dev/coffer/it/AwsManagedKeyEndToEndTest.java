package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-KMS without a key id uses the account's AWS managed key, {@code alias/aws/s3}: KMS creates it on first use
 * (once, however many requests race for it), shows it like AWS does, and refuses every customer change.
 */
class AwsManagedKeyEndToEndTest {
    private static final String BUCKET = "managed-key";

    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static S3Client s3;
    private static KmsClient kms;

    @BeforeAll
    static void clients() {
        s3 = coffer.s3();
        kms = coffer.kms();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
        kms.close();
    }

    @Test
    void concurrentFirstUses_shareOneKey_thatKmsShowsAsAwsManaged_andThatCustomersCannotChange() throws Exception {
        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> keyArns = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                String key = "object-" + i;
                keyArns.add(pool.submit(() -> {
                    go.await();
                    return s3.putObject(p -> p.bucket(BUCKET).key(key).serverSideEncryption(ServerSideEncryption.AWS_KMS),
                            RequestBody.fromString(key)).ssekmsKeyId();
                }));
            }
            go.countDown();
            for (Future<String> f : keyArns) {
                assertThat(f.get()).isEqualTo(keyArns.getFirst().get());
            }
        }

        KeyMetadata managed = kms.describeKey(d -> d.keyId("alias/aws/s3")).keyMetadata();
        assertThat(managed.arn()).isEqualTo(keyArns.getFirst().get());
        assertThat(managed.keyManager()).isEqualTo(KeyManagerType.AWS);
        assertThat(managed.description()).isEqualTo("Default key that protects my S3 objects when no other key is defined");
        assertThat(kms.listKeys().keys()).hasSize(1);
        assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName, AliasListEntry::targetKeyId)
                .contains(org.assertj.core.groups.Tuple.tuple("alias/aws/s3", managed.keyId()));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(managed.keyId())).keyRotationEnabled()).isTrue();
        assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("object-3")).asUtf8String()).isEqualTo("object-3");
        // Naming the alias explicitly is the same key.
        assertThat(s3.putObject(p -> p.bucket(BUCKET).key("named").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("alias/aws/s3"), RequestBody.fromString("named")).ssekmsKeyId()).isEqualTo(managed.arn());

        assertDenied(() -> kms.disableKey(d -> d.keyId(managed.keyId())), "DisableKey");
        assertDenied(() -> kms.scheduleKeyDeletion(d -> d.keyId(managed.keyId()).pendingWindowInDays(7)),
                "ScheduleKeyDeletion");
        assertDenied(() -> kms.putKeyPolicy(p -> p.keyId(managed.keyId()).policyName("default").policy("{}")),
                "PutKeyPolicy");
        assertDenied(() -> kms.createAlias(a -> a.aliasName("alias/mine").targetKeyId(managed.keyId())), "CreateAlias");
        assertThatThrownBy(() -> kms.deleteAlias(d -> d.aliasName("alias/aws/s3"))).isInstanceOfSatisfying(
                KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException"));
        assertThat(kms.describeKey(d -> d.keyId("alias/aws/s3")).keyMetadata().enabled()).isTrue();
    }

    private static void assertDenied(Runnable call, String action) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: kms:" + action)
                    .contains("because no resource-based policy allows the kms:" + action + " action");
        });
    }
}
