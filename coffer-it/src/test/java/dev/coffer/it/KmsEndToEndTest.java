package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.it.RawRequests.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** KMS keys and symmetric cryptography through the real AWS SDK for Java v2 {@code KmsClient}. */
class KmsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static KmsClient kms;

    @BeforeAll
    static void client() {
        kms = coffer.kms();
    }

    @AfterAll
    static void closeClient() {
        kms.close();
    }

    static String newKey() {
        return kms.createKey(r -> r.description("test key")).keyMetadata().keyId();
    }

    static SdkBytes bytes(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    static void assertKmsError(Runnable call, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.requestId()).isNotBlank();
        });
    }

    @Test
    void createKey_thenDescribe_returnsFullMetadata() {
        KeyMetadata m = kms.createKey(r -> r.description("my key")).keyMetadata();
        assertThat(m.arn()).isEqualTo("arn:aws:kms:us-east-1:" + coffer.accountId() + ":key/" + m.keyId());
        assertThat(m.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(m.enabled()).isTrue();
        assertThat(m.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(m.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(m.originAsString()).isEqualTo("AWS_KMS");
        assertThat(m.keyManagerAsString()).isEqualTo("CUSTOMER");
        assertThat(m.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
        assertThat(m.creationDate()).isNotNull();
        assertThat(m.currentKeyMaterialId()).hasSize(64);

        KeyMetadata byArn = kms.describeKey(r -> r.keyId(m.arn())).keyMetadata();
        assertThat(byArn).isEqualTo(m);
    }

    @Test
    void createKey_withUnsupportedSpecOrBadUsage_fails() {
        assertKmsError(() -> kms.createKey(r -> r.keySpec("SM2").keyUsage("SIGN_VERIFY")),
                "UnsupportedOperationException");
        assertKmsError(() -> kms.createKey(r -> r.keyUsage("SIGN_VERIFY")), "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.keySpec("NOT_A_SPEC")), "ValidationException");
    }

    @Test
    void describeKey_ofUnknownKey_failsWithNotFound() {
        String id = "00000000-0000-4000-8000-000000000000";
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(id))).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "Key 'arn:aws:kms:us-east-1:" + coffer.accountId() + ":key/" + id + "' does not exist"));
        assertKmsError(() -> kms.describeKey(r -> r.keyId("alias/nothing-here")), "NotFoundException");
    }

    @Test
    void listKeys_pagesWithLimitAndMarker() {
        for (int i = 0; i < 3; i++) {
            newKey();
        }
        ListKeysResponse first = kms.listKeys(r -> r.limit(2));
        assertThat(first.keys()).hasSize(2);
        assertThat(first.truncated()).isTrue();
        ListKeysResponse rest = kms.listKeys(r -> r.marker(first.nextMarker()).limit(1000));
        assertThat(rest.keys()).isNotEmpty().doesNotContainAnyElementsOf(first.keys());
        assertThat(kms.listKeysPaginator(r -> r.limit(1)).keys().stream().count())
                .isEqualTo(first.keys().size() + rest.keys().size());
        assertKmsError(() -> kms.listKeys(r -> r.marker("!!not-a-marker")), "InvalidMarkerException");
        assertKmsError(() -> kms.listKeys(r -> r.limit(1001)), "ValidationException");
    }

    @Test
    void encryptDecrypt_withAndWithoutContext_roundTrips() {
        String key = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key).plaintext(bytes("hello"))).ciphertextBlob();
        DecryptResponse plain = kms.decrypt(r -> r.ciphertextBlob(blob));
        assertThat(plain.plaintext().asUtf8String()).isEqualTo("hello");
        assertThat(plain.keyId()).endsWith(key);

        Map<String, String> ctx = Map.of("purpose", "test", "tenant", "a");
        SdkBytes withCtx = kms.encrypt(r -> r.keyId(key).plaintext(bytes("bound")).encryptionContext(ctx))
                .ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(withCtx).encryptionContext(ctx)).plaintext().asUtf8String())
                .isEqualTo("bound");
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(withCtx)))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(withCtx).encryptionContext(Map.of("purpose", "test"))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_withAnotherKeysId_failsWithIncorrectKey() {
        String key = newKey();
        String other = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))).ciphertextBlob();
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(other)))
                .isInstanceOf(IncorrectKeyException.class);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob).keyId(key)).plaintext().asUtf8String()).isEqualTo("x");
    }

    @Test
    void decrypt_ofTamperedOrTruncatedBlob_failsWithInvalidCiphertext() {
        String key = newKey();
        byte[] blob = kms.encrypt(r -> r.keyId(key).plaintext(bytes("secret"))).ciphertextBlob().asByteArray();
        for (int i : new int[] {0, 20, 30, 45, 50, blob.length - 1}) {
            byte[] tampered = blob.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(tampered))))
                    .as("byte %d", i).isInstanceOf(KmsException.class)
                    .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                            .isIn("InvalidCiphertextException", "AccessDeniedException"));
        }
        byte[] cut = java.util.Arrays.copyOf(blob, blob.length - 1);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(cut))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void encrypt_ofOversizePlaintext_failsWithAwsValidationMessage() {
        String key = newKey();
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[4097]))))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at"
                            + " 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
                });
        assertThat(kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[4096]))).ciphertextBlob())
                .isNotNull();
    }

    @Test
    void generateDataKey_thenDecrypt_returnsTheSamePlaintext() {
        String key = newKey();
        Map<String, String> ctx = Map.of("aws:s3:arn", "arn:aws:s3:::bucket/object");
        GenerateDataKeyResponse dk = kms.generateDataKey(r -> r.keyId(key).keySpec(DataKeySpec.AES_256)
                .encryptionContext(ctx));
        assertThat(dk.plaintext().asByteArray()).hasSize(32);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(dk.ciphertextBlob()).encryptionContext(ctx)).plaintext())
                .isEqualTo(dk.plaintext());
        assertThat(kms.generateDataKey(r -> r.keyId(key).numberOfBytes(7)).plaintext().asByteArray()).hasSize(7);
        SdkBytes noPlain = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(key).keySpec(DataKeySpec.AES_128))
                .ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(noPlain)).plaintext().asByteArray()).hasSize(16);
        assertKmsError(() -> kms.generateDataKey(r -> r.keyId(key)), "ValidationException");
        assertKmsError(() -> kms.generateDataKey(r -> r.keyId(key).numberOfBytes(1025)), "ValidationException");
        assertKmsError(() -> kms.generateDataKey(r -> r.keyId(key).numberOfBytes(8).keySpec(DataKeySpec.AES_256)),
                "ValidationException");
    }

    @Test
    void reEncrypt_toAnotherKey_decryptsUnderTheNewKey() {
        String source = newKey();
        String destination = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(source).plaintext(bytes("moving")).encryptionContext(Map.of("a", "1")))
                .ciphertextBlob();
        var re = kms.reEncrypt(r -> r.ciphertextBlob(blob).sourceEncryptionContext(Map.of("a", "1"))
                .destinationKeyId(destination).destinationEncryptionContext(Map.of("b", "2")));
        assertThat(re.sourceKeyId()).endsWith(source);
        assertThat(re.keyId()).endsWith(destination);
        DecryptResponse d = kms.decrypt(r -> r.ciphertextBlob(re.ciphertextBlob()).encryptionContext(Map.of("b", "2")));
        assertThat(d.plaintext().asUtf8String()).isEqualTo("moving");
        assertThat(d.keyId()).endsWith(destination);
    }

    @Test
    void generateRandom_returnsTheRequestedBytes() {
        assertThat(kms.generateRandom(r -> r.numberOfBytes(1024)).plaintext().asByteArray()).hasSize(1024);
        assertKmsError(() -> kms.generateRandom(r -> r.numberOfBytes(1025)), "ValidationException");
        assertKmsError(() -> kms.generateRandom(r -> r.numberOfBytes(0)), "ValidationException");
    }

    @Test
    void disabledKey_failsWithDisabled_andWorksAgainWhenEnabled() {
        String key = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))).ciphertextBlob();
        kms.disableKey(r -> r.keyId(key));
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))))
                .isInstanceOf(DisabledException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob))).isInstanceOf(DisabledException.class);
        kms.enableKey(r -> r.keyId(key));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("x");
    }

    @Test
    void scheduleKeyDeletion_makesKeyUnusable_andCancelLeavesItDisabled() {
        String key = newKey();
        assertKmsError(() -> kms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(6)), "ValidationException");
        var scheduled = kms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().deletionDate()).isEqualTo(scheduled.deletionDate());
        assertKmsError(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))), "KMSInvalidStateException");
        assertKmsError(() -> kms.enableKey(r -> r.keyId(key)), "KMSInvalidStateException");
        kms.cancelKeyDeletion(r -> r.keyId(key));
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertKmsError(() -> kms.cancelKeyDeletion(r -> r.keyId(key)), "KMSInvalidStateException");
    }

    @Test
    void aliases_resolveEverywhere_andFollowUpdates() {
        String key = newKey();
        String other = newKey();
        kms.createAlias(r -> r.aliasName("alias/e2e-app").targetKeyId(key));
        SdkBytes blob = kms.encrypt(r -> r.keyId("alias/e2e-app").plaintext(bytes("via alias"))).ciphertextBlob();
        String aliasArn = "arn:aws:kms:us-east-1:" + coffer.accountId() + ":alias/e2e-app";
        assertThat(kms.describeKey(r -> r.keyId(aliasArn)).keyMetadata().keyId()).isEqualTo(key);
        assertKmsError(() -> kms.createAlias(r -> r.aliasName("alias/e2e-app").targetKeyId(other)),
                "AlreadyExistsException");
        assertKmsError(() -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(other)),
                "NotAuthorizedException");
        assertKmsError(() -> kms.createAlias(r -> r.aliasName("no-prefix").targetKeyId(other)),
                "InvalidAliasNameException");
        assertKmsError(() -> kms.createAlias(r -> r.aliasName("alias/x").targetKeyId("alias/e2e-app")),
                "ValidationException");

        AliasListEntry entry = kms.listAliases(r -> r.keyId(key)).aliases().getFirst();
        assertThat(entry.aliasName()).isEqualTo("alias/e2e-app");
        assertThat(entry.aliasArn()).isEqualTo(aliasArn);
        assertThat(entry.targetKeyId()).isEqualTo(key);

        kms.updateAlias(r -> r.aliasName("alias/e2e-app").targetKeyId(other));
        assertThat(kms.describeKey(r -> r.keyId("alias/e2e-app")).keyMetadata().keyId()).isEqualTo(other);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId("alias/e2e-app")))
                .isInstanceOf(IncorrectKeyException.class);
        kms.deleteAlias(r -> r.aliasName("alias/e2e-app"));
        assertKmsError(() -> kms.describeKey(r -> r.keyId("alias/e2e-app")), "NotFoundException");
        assertKmsError(() -> kms.deleteAlias(r -> r.aliasName("alias/e2e-app")), "NotFoundException");
    }

    @Test
    void rotateOnDemand_keepsOlderCiphertextsDecryptable() {
        String key = newKey();
        SdkBytes before = kms.encrypt(r -> r.keyId(key).plaintext(bytes("old"))).ciphertextBlob();
        String firstMaterial = kms.describeKey(r -> r.keyId(key)).keyMetadata().currentKeyMaterialId();
        kms.rotateKeyOnDemand(r -> r.keyId(key));
        SdkBytes after = kms.encrypt(r -> r.keyId(key).plaintext(bytes("new"))).ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(before)).plaintext().asUtf8String()).isEqualTo("old");
        assertThat(kms.decrypt(r -> r.ciphertextBlob(before)).keyMaterialId()).isEqualTo(firstMaterial);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(after)).keyMaterialId()).isNotEqualTo(firstMaterial);
        var rotations = kms.listKeyRotations(r -> r.keyId(key)).rotations();
        assertThat(rotations).hasSize(1);
        assertThat(rotations.getFirst().rotationTypeAsString()).isEqualTo("ON_DEMAND");
        assertThat(rotations.getFirst().keyMaterialStateAsString()).isEqualTo("CURRENT");
    }

    @Test
    void keyRotation_enableStatusDisable() {
        String key = newKey();
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isFalse();
        assertKmsError(() -> kms.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(89)), "ValidationException");
        kms.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(90));
        var status = kms.getKeyRotationStatus(r -> r.keyId(key));
        assertThat(status.keyRotationEnabled()).isTrue();
        assertThat(status.rotationPeriodInDays()).isEqualTo(90);
        assertThat(status.nextRotationDate()).isNotNull();
        kms.disableKeyRotation(r -> r.keyId(key));
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isFalse();
    }

    @Test
    void policiesAndTags_areStoredAndReturned() {
        String key = kms.createKey(r -> r.tags(t -> t.tagKey("team").tagValue("crypto"))).keyMetadata().keyId();
        assertThat(kms.getKeyPolicy(r -> r.keyId(key)).policy()).contains("\"kms:*\"")
                .contains("arn:aws:iam::" + coffer.accountId() + ":root");
        assertThat(kms.listKeyPolicies(r -> r.keyId(key)).policyNames()).containsExactly("default");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        kms.putKeyPolicy(r -> r.keyId(key).policy(policy));
        assertThat(kms.getKeyPolicy(r -> r.keyId(key).policyName("default")).policy()).isEqualTo(policy);
        assertKmsError(() -> kms.putKeyPolicy(r -> r.keyId(key).policy("{not json")),
                "MalformedPolicyDocumentException");

        kms.tagResource(r -> r.keyId(key).tags(t -> t.tagKey("env").tagValue("test")));
        assertThat(kms.listResourceTags(r -> r.keyId(key)).tags()).extracting(t -> t.tagKey() + "=" + t.tagValue())
                .containsExactly("env=test", "team=crypto");
        kms.untagResource(r -> r.keyId(key).tagKeys("team"));
        assertThat(kms.listResourceTags(r -> r.keyId(key)).tags()).hasSize(1);
        assertKmsError(() -> kms.tagResource(r -> r.keyId(key).tags(t -> t.tagKey("aws:x").tagValue("y"))),
                "TagException");
    }

    @Test
    void updateDescription_andLastUsage() {
        String key = newKey();
        kms.updateKeyDescription(r -> r.keyId(key).description("renamed"));
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().description()).isEqualTo("renamed");
        assertThat(kms.getKeyLastUsage(r -> r.keyId(key)).keyLastUsage()).isNull();
        kms.encrypt(r -> r.keyId(key).plaintext(bytes("x")));
        assertThat(kms.getKeyLastUsage(r -> r.keyId(key)).keyLastUsage().operationAsString()).isEqualTo("Encrypt");
    }

    @Test
    void keys_ofAnotherAccount_areInvisible() {
        // The only other identity is a made-up one, which fails authentication before any key lookup.
        try (KmsClient stranger = KmsClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "whatever-whatever")))
                .build()) {
            assertKmsError(stranger::listKeys, "UnrecognizedClientException");
        }
    }

    @Test
    void malformedJson_failsWithSerializationException_andMissingMember_withValidationException() {
        RawRequests raw = new RawRequests(coffer);
        Response bad = send(raw, "Encrypt", "{\"KeyId\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("SerializationException");
        Response missing = send(raw, "Encrypt", "{\"Plaintext\":\"AAAA\"}");
        assertThat(missing.errorCode()).isEqualTo("ValidationException");
        assertThat(missing.text()).contains("1 validation error detected: Value null at 'keyId' failed to satisfy"
                + " constraint: Member must not be null");
        Response wrongType = send(raw, "GenerateRandom", "{\"NumberOfBytes\":\"ten\"}");
        assertThat(wrongType.errorCode()).isEqualTo("SerializationException");
        Response notYet = send(raw, "CreateCustomKeyStore", "{}");
        assertThat(notYet.errorCode()).isEqualTo("UnknownOperationException");
    }

    private static Response send(RawRequests raw, String operation, String body) {
        return raw.send(raw.sign(raw.request(SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TrentService." + operation).build(), body.getBytes(UTF_8),
                p -> p.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")));
    }
}
