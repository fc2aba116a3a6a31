package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.encryption.s3.S3EncryptionClient;
import software.amazon.encryption.s3.materials.KmsKeyring;

/**
 * The Amazon S3 Encryption Client v3 for Java, its wrapped S3 clients and its KMS keyring all pointed at Coffer:
 * the object is encrypted in the client under a data key from Coffer's KMS, stored by Coffer (which encrypts it
 * again at rest), and decrypted in the client.
 */
class S3EncryptionClientEndToEndTest {
    private static final String BUCKET = "client-side";

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

    /** Closing it closes the clients it wraps, so each gets its own. */
    private static S3EncryptionClient encryptionClient(String keyArn) {
        return S3EncryptionClient.builder().wrappedClient(coffer.s3()).wrappedAsyncClient(asyncClient())
                .keyring(KmsKeyring.builder().kmsClient(coffer.kms()).wrappingKeyId(keyArn).build()).build();
    }

    private static S3AsyncClient asyncClient() {
        return S3AsyncClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(coffer.credentials()).forcePathStyle(true).build();
    }

    @Test
    void putAndGet_throughTheEncryptionClient_roundTrip_andCofferStoresOnlyCiphertext() {
        String keyArn = kms.createKey(k -> { }).keyMetadata().arn();
        byte[] body = ObjectsEndToEndTest.random(300_000);
        try (S3EncryptionClient client = encryptionClient(keyArn)) {
            client.putObject(p -> p.bucket(BUCKET).key("cse.bin"), RequestBody.fromBytes(body));

            byte[] got = client.getObjectAsBytes(g -> g.bucket(BUCKET).key("cse.bin")).asByteArray();
            assertThat(got).isEqualTo(body);
        }

        // Through a plain client: the stored object is the client's AES-GCM ciphertext (16-byte tag appended),
        // with the wrapped data key in its metadata; Coffer encrypted it again at rest with SSE-S3.
        HeadObjectResponse head = s3.headObject(h -> h.bucket(BUCKET).key("cse.bin"));
        assertThat(head.contentLength()).isEqualTo(body.length + 16L);
        assertThat(head.metadata()).containsKeys("x-amz-key-v2", "x-amz-iv", "x-amz-matdesc")
                .containsEntry("x-amz-wrap-alg", "kms+context").containsEntry("x-amz-cek-alg", "AES/GCM/NoPadding");
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        byte[] stored = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("cse.bin")).asByteArray();
        assertThat(Arrays.copyOf(stored, 1024)).isNotEqualTo(Arrays.copyOf(body, 1024));
    }

    @Test
    void anObjectEncryptedUnderOneKey_doesNotOpenWithAKeyringOfAnother_butOpensWithItsOwn() {
        String first = kms.createKey(k -> { }).keyMetadata().arn();
        String second = kms.createKey(k -> { }).keyMetadata().arn();
        try (S3EncryptionClient client = encryptionClient(first)) {
            client.putObject(p -> p.bucket(BUCKET).key("bound.txt"), RequestBody.fromString("bound to its key"));
        }
        try (S3EncryptionClient other = encryptionClient(second)) {
            // KMS Decrypt with the wrong KeyId: IncorrectKeyException from Coffer's KMS, surfaced by the client.
            assertThatThrownBy(() -> other.getObjectAsBytes(g -> g.bucket(BUCKET).key("bound.txt")))
                    .hasStackTraceContaining("IncorrectKeyException");
        }
        try (S3EncryptionClient client = encryptionClient(first)) {
            assertThat(client.getObjectAsBytes(g -> g.bucket(BUCKET).key("bound.txt")).asUtf8String())
                    .isEqualTo("bound to its key");
        }
    }
}
