package dev.coffer.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.kms.key.KeyState;
import dev.coffer.kms.symmetric.CryptoRequests;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KMS domain over a real SQLite database and real crypto. */
class KmsServiceTest {
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

    private String newKey() {
        return kms.createKey(ALICE, KeyRequests.CreateKey.defaults()).keyId();
    }

    private byte[] encrypt(String key, String text, Map<String, String> ctx) {
        return kms.encrypt(ALICE, new CryptoRequests.Encrypt(key, text.getBytes(UTF_8), ctx, Optional.empty(), false))
                .ciphertextBlob();
    }

    private String decrypt(Principal who, byte[] blob, Map<String, String> ctx) {
        try (Secret s = kms.decrypt(who, new CryptoRequests.Decrypt(blob, ctx, Optional.empty(), Optional.empty(), false))
                .plaintext()) {
            return new String(s.revealBytes(), UTF_8);
        }
    }

    @Test
    void restart_keepsKeysAliasesAndEveryVersion() {
        String key = newKey();
        kms.createAlias(ALICE, "alias/kept", key);
        byte[] v1 = encrypt(key, "one", Map.of());
        kms.rotateKeyOnDemand(ALICE, key);
        byte[] v2 = encrypt(key, "two", Map.of("k", "v"));

        kms = new KmsService(store, rootKey, "us-east-1", clock, RANDOM);
        assertThat(decrypt(ALICE, v1, Map.of())).isEqualTo("one");
        assertThat(decrypt(ALICE, v2, Map.of("k", "v"))).isEqualTo("two");
        assertThat(kms.describeKey(ALICE, "alias/kept").keyId()).isEqualTo(key);
    }

    @Test
    void restart_withAnotherRootKey_refusesToLoad() {
        newKey();
        assertThatThrownBy(() -> new KmsService(store, Secret.random(32, RANDOM), "us-east-1", clock, RANDOM))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not open");
    }

    @Test
    void decrypt_withWrongContext_failsWithInvalidCiphertext() {
        byte[] blob = encrypt(newKey(), "x", Map.of("a", "b"));
        assertThatThrownBy(() -> decrypt(ALICE, blob, Map.of("a", "c"))).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.code()).isEqualTo(KmsErrorCode.INVALID_CIPHERTEXT));
    }

    @Test
    void keys_ofAnotherAccount_areNotFound() {
        String key = newKey();
        byte[] blob = encrypt(key, "x", Map.of());
        assertThatThrownBy(() -> kms.describeKey(BOB, key)).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.code()).isEqualTo(KmsErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> decrypt(BOB, blob, Map.of())).isInstanceOf(KmsException.class);
        assertThat(kms.listKeys(BOB, new KeyRequests.ListKeys(Optional.empty(), Optional.empty())).keys()).isEmpty();
    }

    @Test
    void scheduler_destroysKeyAtItsDeletionDate_andRotatesWhenDue() {
        String doomed = newKey();
        String rotating = newKey();
        kms.enableKeyRotation(ALICE, rotating, Optional.of(90));
        byte[] blob = encrypt(rotating, "kept", Map.of());
        kms.scheduleKeyDeletion(ALICE, new KeyRequests.ScheduleKeyDeletion(doomed, Optional.of(7)));
        assertThat(kms.describeKey(ALICE, doomed).keyState()).isEqualTo(KeyState.PENDING_DELETION);

        now = now.plus(Duration.ofDays(91));
        KmsScheduler.Pass pass = kms.scheduler().runDue();
        assertThat(pass.destroyed()).isEqualTo(1);
        assertThat(pass.rotated()).isEqualTo(1);
        assertThatThrownBy(() -> kms.describeKey(ALICE, doomed)).isInstanceOf(KmsException.class);
        assertThat(decrypt(ALICE, blob, Map.of())).isEqualTo("kept");
        assertThat(kms.listKeyRotations(ALICE, rotating, Optional.empty(), Optional.empty(), Optional.empty()).items())
                .hasSize(1);
        // Nothing of the destroyed key is left in the database.
        int left = store.read(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM kms_key_versions WHERE key_id = ?")) {
                s.setString(1, doomed);
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
        assertThat(left).isZero();
    }

    @Test
    void rotateOnDemand_beyondTwentyFive_failsWithLimitExceeded() {
        String key = newKey();
        for (int i = 0; i < 25; i++) {
            kms.rotateKeyOnDemand(ALICE, key);
        }
        assertThatThrownBy(() -> kms.rotateKeyOnDemand(ALICE, key)).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.code()).isEqualTo(KmsErrorCode.LIMIT_EXCEEDED));
    }
}
