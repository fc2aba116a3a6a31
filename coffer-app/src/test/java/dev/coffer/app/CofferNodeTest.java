package dev.coffer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.iam.RootCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up path: what a first start creates, what a second start reuses, what it refuses. */
class CofferNodeTest {
    @TempDir
    Path dir;

    private CofferNode start(NodeOptions options) throws StartupException {
        return CofferNode.start(options, InstantSource.system(), new SecureRandom());
    }

    @Test
    void secondStart_reusesCredentialsAndRootKey() throws Exception {
        Path data = dir.resolve("data");
        RootCredentials first;
        try (CofferNode node = start(NodeOptions.forTesting(data, false))) {
            first = node.rootCredentials();
            assertThat(first.newlyCreated()).isTrue();
        }
        byte[] rootKeyFile = Files.readAllBytes(data.resolve("root.key"));
        try (CofferNode node = start(NodeOptions.forTesting(data, false))) {
            RootCredentials second = node.rootCredentials();
            assertThat(second.newlyCreated()).isFalse();
            assertThat(second.accessKeyId()).isEqualTo(first.accessKeyId());
            assertThat(second.accountId()).isEqualTo(first.accountId());
        }
        assertThat(Files.readAllBytes(data.resolve("root.key"))).isEqualTo(rootKeyFile);
    }

    @Test
    void firstStart_createsPrivateDataDirRootKeyAndDatabase() throws Exception {
        Path data = dir.resolve("data");
        try (CofferNode node = start(NodeOptions.forTesting(data, false))) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("root.key"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("metadata.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void start_withWorldReadableRootKey_isRefusedWithTheFix() throws Exception {
        Path data = dir.resolve("data");
        start(NodeOptions.forTesting(data, false)).close();
        Files.setPosixFilePermissions(data.resolve("root.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> start(NodeOptions.forTesting(data, false)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("root.key")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void start_withCorruptedRootKey_isRefused() throws Exception {
        Path data = dir.resolve("data");
        start(NodeOptions.forTesting(data, false)).close();
        Path key = data.resolve("root.key");
        String text = Files.readString(key, StandardCharsets.US_ASCII);
        int i = text.indexOf('\n') + 3;
        char flipped = text.charAt(i) == 'A' ? 'B' : 'A';
        Files.writeString(key, text.substring(0, i) + flipped + text.substring(i + 1), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> start(NodeOptions.forTesting(data, false)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("root.key");
    }

    @Test
    void start_ofExistingDataDirWithoutItsRootKey_isRefused_ratherThanMakingANewKey() throws Exception {
        Path data = dir.resolve("data");
        start(NodeOptions.forTesting(data, false)).close();
        Files.delete(data.resolve("root.key"));
        assertThatThrownBy(() -> start(NodeOptions.forTesting(data, false)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("root.key");
        assertThat(data.resolve("root.key")).doesNotExist();
    }

    @Test
    void passphraseRootKey_secondStartWithWrongPassphrase_isRefused() throws Exception {
        Path data = dir.resolve("data");
        NodeOptions options = NodeOptions.forTesting(data, false).withPassphrase("correct horse".toCharArray());
        String accessKeyId;
        try (CofferNode node = start(options)) {
            accessKeyId = node.rootCredentials().accessKeyId();
        }
        try (CofferNode node = start(options)) {
            assertThat(node.rootCredentials().accessKeyId()).isEqualTo(accessKeyId);
        }
        assertThatThrownBy(() -> start(NodeOptions.forTesting(data, false).withPassphrase("wrong".toCharArray())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("passphrase");
    }

    @Test
    void configuredRootCredentials_areUsed() throws Exception {
        NodeOptions options = NodeOptions.forTesting(dir.resolve("data"), false)
                .withRootCredentials("AKIACONFIGURED000001", "configured-secret-0123456789".toCharArray());
        try (CofferNode node = start(options)) {
            assertThat(node.rootCredentials().accessKeyId()).isEqualTo("AKIACONFIGURED000001");
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
