package dev.coffer.iam;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeysTest {
    private final SecureRandom random = new SecureRandom();
    private final Secret rootKey = Secret.random(32, random);
    @TempDir
    Path dir;
    private MetadataStore store;

    @BeforeEach
    void open() {
        store = SqliteMetadataStore.open(dir.resolve("m.db"), InstantSource.system());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AccessKeys keys(Secret root) {
        return new AccessKeys(store, root, random, InstantSource.system());
    }

    @Test
    void ensureRoot_firstTime_generatesAwsShapedCredentials_andFindsThem() {
        RootCredentials root = keys(rootKey).ensureRoot(Optional.empty(), Optional.empty());
        assertThat(root.newlyCreated()).isTrue();
        assertThat(root.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(root.revealSecretAccessKey()).hasSize(40);
        assertThat(root.accountId()).matches("[1-9][0-9]{11}");
        assertThat(root.toString()).doesNotContain(root.revealSecretAccessKey());

        AccessKey found = keys(rootKey).find(root.accessKeyId()).orElseThrow();
        assertThat(new String(found.secretAccessKey().revealBytes(), UTF_8)).isEqualTo(root.revealSecretAccessKey());
        assertThat(found.principal().arn()).isEqualTo("arn:aws:iam::" + root.accountId() + ":root");
        assertThat(found.principal().isRoot()).isTrue();
        assertThat(found.active()).isTrue();
    }

    @Test
    void ensureRoot_secondTime_reusesTheStoredKey() {
        RootCredentials first = keys(rootKey).ensureRoot(Optional.empty(), Optional.empty());
        RootCredentials second = keys(rootKey).ensureRoot(Optional.empty(), Optional.empty());
        assertThat(second.newlyCreated()).isFalse();
        assertThat(second.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(second.accountId()).isEqualTo(first.accountId());
    }

    @Test
    void ensureRoot_withConfiguredCredentials_storesThem_andKeepsTheAccount() {
        RootCredentials generated = keys(rootKey).ensureRoot(Optional.empty(), Optional.empty());
        RootCredentials configured = keys(rootKey).ensureRoot(Optional.of("AKIACONFIGURED000001"),
                Optional.of("configured-secret-0123456789".toCharArray()));
        assertThat(configured.accountId()).isEqualTo(generated.accountId());
        AccessKey found = keys(rootKey).find("AKIACONFIGURED000001").orElseThrow();
        assertThat(new String(found.secretAccessKey().revealBytes(), UTF_8)).isEqualTo("configured-secret-0123456789");
    }

    @Test
    void ensureRoot_withOnlyOneOfThePair_isRefused() {
        assertThatThrownBy(() -> keys(rootKey).ensureRoot(Optional.of("AKIACONFIGURED000001"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedSecret_isSealed_notPlaintext() {
        RootCredentials root = keys(rootKey).ensureRoot(Optional.empty(), Optional.empty());
        byte[] sealed = store.read(c -> {
            try (var s = c.prepareStatement("SELECT sealed_secret FROM access_keys")) {
                var r = s.executeQuery();
                r.next();
                return r.getBytes(1);
            }
        });
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(root.revealSecretAccessKey());
    }

    @Test
    void find_withAnotherRootKey_failsLoudly() {
        RootCredentials root = keys(rootKey).ensureRoot(Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> keys(Secret.random(32, random)).find(root.accessKeyId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("root key");
    }

    @Test
    void find_ofUnknownOrMalformedId_isEmpty() {
        assertThat(keys(rootKey).find("AKIANOTHERE000000000")).isEmpty();
        assertThat(keys(rootKey).find("not an id")).isEmpty();
    }
}
