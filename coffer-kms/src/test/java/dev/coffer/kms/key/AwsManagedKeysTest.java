package dev.coffer.kms.key;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.KmsScheduler;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.alias.AliasEntry;
import dev.coffer.kms.grant.GrantRequests;
import dev.coffer.kms.symmetric.CryptoRequests;
import dev.coffer.kms.tag.Tag;
import dev.coffer.store.sql.Migrations;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The AWS managed key for S3 over a real SQLite database: created once, visible, usable, never changeable. */
class AwsManagedKeysTest {
    private static final Principal ALICE = new Principal("111122223333", "arn:aws:iam::111122223333:root",
            "111122223333", "AKIAALICE");
    private static final Principal BOB = new Principal("444455556666", "arn:aws:iam::444455556666:root",
            "444455556666", "AKIABOB");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final Secret rootKey = Secret.random(32, RANDOM);
    private SqliteMetadataStore store;
    private KmsService kms;

    @BeforeEach
    void open() {
        store = SqliteMetadataStore.open(dir.resolve("kms.db"), clock);
        kms = new KmsService(store, rootKey, "us-east-1", clock, RANDOM);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void firstUse_createsTheAccountsKey_asAwsCreatesIt() {
        KeyMetadata key = kms.awsManagedKey(ALICE, "s3");

        assertThat(key.keyManager()).isEqualTo("AWS");
        assertThat(key.keySpec()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(key.keyUsage()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key.description()).isEqualTo("Default key that protects my S3 objects when no other key is defined");
        assertThat(kms.describeKey(ALICE, "alias/aws/s3").arn()).isEqualTo(key.arn());
        assertThat(kms.describeKey(ALICE, "arn:aws:kms:us-east-1:111122223333:alias/aws/s3").arn())
                .isEqualTo(key.arn());
        List<AliasEntry> aliases = kms.listAliases(ALICE, Optional.empty(), Optional.empty(), Optional.empty()).items();
        assertThat(aliases).extracting(AliasEntry::aliasName, AliasEntry::targetKeyId)
                .containsExactly(tuple("alias/aws/s3", key.keyId()));
        var rotation = kms.getKeyRotationStatus(ALICE, key.keyId());
        assertThat(rotation.enabled()).isTrue();
        assertThat(rotation.rotationPeriodInDays()).contains(365);
        assertThat(kms.getKeyPolicy(ALICE, key.keyId(), Optional.empty()))
                .contains("\"Id\" : \"auto-s3-2\"", "\"kms:ViaService\" : \"s3.us-east-1.amazonaws.com\"",
                        "\"kms:CallerAccount\" : \"111122223333\"");
    }

    @Test
    void laterUses_andOtherAccounts_getTheirOwnOneKey() {
        KeyMetadata alice = kms.awsManagedKey(ALICE, "s3");
        assertThat(kms.awsManagedKey(ALICE, "s3").arn()).isEqualTo(alice.arn());
        KeyMetadata bob = kms.awsManagedKey(BOB, "s3");
        assertThat(bob.arn()).isNotEqualTo(alice.arn()).startsWith("arn:aws:kms:us-east-1:444455556666:key/");
        assertThat(kms.listKeys(ALICE, new KeyRequests.ListKeys(Optional.empty(), Optional.empty())).keys()).hasSize(1);
    }

    @Test
    void concurrentFirstUses_createOneKey() throws Exception {
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> arns = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                arns.add(pool.submit(() -> {
                    start.await();
                    return kms.awsManagedKey(ALICE, "s3").arn();
                }));
            }
            start.countDown();
            String first = arns.getFirst().get();
            for (Future<String> f : arns) {
                assertThat(f.get()).isEqualTo(first);
            }
        }
        assertThat(kms.listKeys(ALICE, new KeyRequests.ListKeys(Optional.empty(), Optional.empty())).keys()).hasSize(1);
    }

    @Test
    void restart_keepsTheKeyAndItsAlias() {
        KeyMetadata key = kms.awsManagedKey(ALICE, "s3");
        kms = new KmsService(store, rootKey, "us-east-1", clock, RANDOM);
        assertThat(kms.awsManagedKey(ALICE, "s3").arn()).isEqualTo(key.arn());
        assertThat(kms.describeKey(ALICE, "alias/aws/s3").keyManager()).isEqualTo("AWS");
    }

    @Test
    void theKey_encryptsAndDecrypts_andRotatesAfterAYear() {
        String keyId = kms.awsManagedKey(ALICE, "s3").keyId();
        byte[] blob = kms.encrypt(ALICE, new CryptoRequests.Encrypt("alias/aws/s3", "kept".getBytes(UTF_8), Map.of(),
                Optional.empty(), false)).ciphertextBlob();

        now = now.plus(Duration.ofDays(366));
        KmsScheduler.Pass pass = kms.scheduler().runDue();

        assertThat(pass.rotated()).isEqualTo(1);
        try (Secret plain = kms.decrypt(ALICE, new CryptoRequests.Decrypt(blob, Map.of(), Optional.empty(),
                Optional.empty(), false)).plaintext()) {
            assertThat(new String(plain.revealBytes(), UTF_8)).isEqualTo("kept");
        }
        assertThat(kms.listKeyRotations(ALICE, keyId, Optional.empty(), Optional.empty(), Optional.empty()).items())
                .hasSize(1);
    }

    static Stream<Arguments> customerChanges() {
        return Stream.of(
                change("DisableKey", t -> t.kms().disableKey(ALICE, t.keyId())),
                change("EnableKey", t -> t.kms().enableKey(ALICE, t.keyId())),
                change("ScheduleKeyDeletion", t -> t.kms().scheduleKeyDeletion(ALICE,
                        new KeyRequests.ScheduleKeyDeletion(t.keyId(), Optional.of(7)))),
                change("CancelKeyDeletion", t -> t.kms().cancelKeyDeletion(ALICE, t.keyId())),
                change("UpdateKeyDescription", t -> t.kms().updateKeyDescription(ALICE, t.keyId(), "mine")),
                change("PutKeyPolicy", t -> t.kms().putKeyPolicy(ALICE, t.keyId(), Optional.empty(), "{}")),
                change("EnableKeyRotation", t -> t.kms().enableKeyRotation(ALICE, t.keyId(), Optional.of(90))),
                change("DisableKeyRotation", t -> t.kms().disableKeyRotation(ALICE, t.keyId())),
                change("RotateKeyOnDemand", t -> t.kms().rotateKeyOnDemand(ALICE, t.keyId())),
                change("TagResource", t -> t.kms().tagResource(ALICE, t.keyId(), List.of(new Tag("a", "b")))),
                change("UntagResource", t -> t.kms().untagResource(ALICE, t.keyId(), List.of("a"))),
                change("CreateAlias", t -> t.kms().createAlias(ALICE, "alias/mine", t.keyId())),
                change("CreateGrant", t -> t.kms().createGrant(ALICE, new GrantRequests.CreateGrant(t.keyId(),
                        BOB.arn(), Optional.empty(), List.of("Decrypt"), Optional.empty(), Optional.empty(), false))));
    }

    private record Target(KmsService kms, String keyId) {}

    private static Arguments change(String action, Consumer<Target> call) {
        return Arguments.of(action, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customerChanges")
    void customerChanges_areDeniedByTheKeyPolicy_asOnAws(String action, Consumer<Target> call) {
        KeyMetadata key = kms.awsManagedKey(ALICE, "s3");

        assertThatThrownBy(() -> call.accept(new Target(kms, key.keyId()))).isInstanceOfSatisfying(KmsException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(KmsErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::111122223333:root is not authorized to"
                            + " perform: kms:" + action + " on resource: " + key.arn()
                            + " because no resource-based policy allows the kms:" + action + " action");
                });
        assertThat(kms.describeKey(ALICE, "alias/aws/s3").keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void migration_adoptsTheKeyS3KeptBeforeKmsHeldTheAlias() {
        store.close();
        Path old = dir.resolve("old.db");
        store = SqliteMetadataStore.open(old, clock, Migrations.of(Migrations.coffer().all().subList(0, 4)));
        kms = new KmsService(store, rootKey, "us-east-1", clock, RANDOM);
        KeyMetadata stopgap = kms.createKey(ALICE, KeyRequests.CreateKey.defaults());
        store.write(c -> {
            try (var s = c.prepareStatement("INSERT INTO s3_managed_keys (account_id, key_arn) VALUES (?, ?)")) {
                s.setString(1, ALICE.accountId());
                s.setString(2, stopgap.arn());
                return s.executeUpdate();
            }
        });
        store.close();

        store = SqliteMetadataStore.open(old, clock);
        kms = new KmsService(store, rootKey, "us-east-1", clock, RANDOM);

        KeyMetadata adopted = kms.awsManagedKey(ALICE, "s3");
        assertThat(adopted.arn()).isEqualTo(stopgap.arn());
        assertThat(adopted.keyManager()).isEqualTo("AWS");
        assertThat(kms.describeKey(ALICE, "alias/aws/s3").arn()).isEqualTo(stopgap.arn());
        assertThat(kms.getKeyRotationStatus(ALICE, "alias/aws/s3").rotationPeriodInDays()).contains(365);
        assertThat(kms.getKeyPolicy(ALICE, adopted.keyId(), Optional.empty()))
                .isEqualTo(AwsManagedKeys.policy("s3", ALICE.accountId(), "us-east-1"));
    }

    @Test
    void theReservedAlias_staysOutOfCustomersReach() {
        KeyMetadata key = kms.awsManagedKey(ALICE, "s3");
        String mine = kms.createKey(ALICE, KeyRequests.CreateKey.defaults()).keyId();

        assertThatThrownBy(() -> kms.updateAlias(ALICE, "alias/aws/s3", mine)).isInstanceOfSatisfying(
                KmsException.class, e -> assertThat(e.code()).isEqualTo(KmsErrorCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> kms.deleteAlias(ALICE, "alias/aws/s3")).isInstanceOfSatisfying(
                KmsException.class, e -> assertThat(e.code()).isEqualTo(KmsErrorCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> kms.createAlias(ALICE, "alias/aws/other", mine)).isInstanceOfSatisfying(
                KmsException.class, e -> assertThat(e.code()).isEqualTo(KmsErrorCode.NOT_AUTHORIZED));
        assertThat(kms.describeKey(ALICE, "alias/aws/s3").arn()).isEqualTo(key.arn());
    }
}
