package dev.coffer.store.root;

import static dev.coffer.store.root.RootKeyFiles.chmod;
import static dev.coffer.store.root.RootKeyFiles.fixture;
import static dev.coffer.store.root.RootKeyFiles.mode;
import static dev.coffer.store.root.RootKeyFiles.overwrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRootKeyProviderTest {
    @TempDir
    Path dir;

    private Path keyFile() {
        return dir.resolve("conf").resolve("root.key");
    }

    private static byte[] keyOf(RootKeyProvider provider) {
        try (Secret key = provider.rootKey()) {
            return key.revealBytes().clone();
        }
    }

    @Test
    void openOrCreate_onSecondStart_returnsTheSameKey() {
        byte[] first;
        try (FileRootKeyProvider p = FileRootKeyProvider.openOrCreate(keyFile(), new SecureRandom())) {
            first = keyOf(p);
        }
        try (FileRootKeyProvider p = FileRootKeyProvider.openOrCreate(keyFile(), new SecureRandom())) {
            assertThat(keyOf(p)).hasSize(32).isEqualTo(first);
        }
    }

    @Test
    void openOrCreate_createsTheFileWithMode0600AndNoLeftovers() throws IOException {
        FileRootKeyProvider.openOrCreate(keyFile(), new SecureRandom()).close();
        assertThat(mode(keyFile())).isEqualTo("rw-------");
        assertThat(Files.size(keyFile())).isEqualTo(FileRootKeyProvider.FILE_BYTES);
        try (Stream<Path> files = Files.list(keyFile().getParent())) {
            assertThat(files).containsExactly(keyFile());
        }
    }

    @Test
    void open_knownAnswerFile_yieldsItsKey() throws IOException {
        Path file = fixture("root-key-v1.key", dir);
        try (FileRootKeyProvider p = FileRootKeyProvider.open(file)) {
            assertThat(HexFormat.of().formatHex(keyOf(p)))
                    .isEqualTo("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        }
    }

    @Test
    void encode_writesTheKnownAnswerFileByteForByte() throws IOException {
        byte[] expected = Files.readAllBytes(fixture("root-key-v1.key", dir));
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        try (Secret secret = Secret.wrap(key)) {
            assertThat(FileRootKeyProvider.encode(secret)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"rw-r--r--, readable by others, 0644", "rw-r-----, readable by group, 0640",
            "rw-----w-, writable by others, 0602", "rw-rw----, readable and writable by group, 0660",
            "rw------x, accessible by others, 0601", "rwxrwxrwx, readable and writable by others, 0777"})
    void open_fileThatGroupOrOthersCanAccess_isRefusedWithTheFix(String perms, String exposure, String octal)
            throws IOException {
        FileRootKeyProvider.openOrCreate(keyFile(), new SecureRandom()).close();
        chmod(keyFile(), perms);
        assertThatThrownBy(() -> FileRootKeyProvider.open(keyFile()))
                .isInstanceOf(RootKeyException.class)
                .hasMessage("root key file " + keyFile() + " is " + exposure + " (mode " + octal + "); run chmod 600 "
                        + keyFile());
    }

    @Test
    void open_ownerReadOnlyFile_isAccepted() throws IOException {
        FileRootKeyProvider.openOrCreate(keyFile(), new SecureRandom()).close();
        chmod(keyFile(), "r--------");
        FileRootKeyProvider.open(keyFile()).close();
    }

    @Test
    void open_truncatedFile_isRefusedAtEveryLength() throws IOException {
        Path file = fixture("root-key-v1.key", dir);
        byte[] good = Files.readAllBytes(file);
        for (int length = 0; length < good.length; length++) {
            overwrite(file, Arrays.copyOf(good, length));
            assertThatThrownBy(() -> FileRootKeyProvider.open(file))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(RootKeyException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void open_withAnyBitFlipped_isRefused() throws IOException {
        Path file = fixture("root-key-v1.key", dir);
        byte[] good = Files.readAllBytes(file);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                overwrite(file, bad);
                assertThatThrownBy(() -> FileRootKeyProvider.open(file))
                        .as("byte %d bit %d flipped", i, bit)
                        .isInstanceOf(RootKeyException.class);
            }
        }
    }

    @Test
    void open_corruptedKey_saysToRestoreFromBackup_andNeverShowsTheKey() throws IOException {
        Path file = fixture("root-key-v1.key", dir);
        byte[] bad = Files.readAllBytes(file);
        bad[20] = (byte) (bad[20] == 'A' ? 'B' : 'A');
        overwrite(file, bad);
        String keyLine = Base64.getEncoder().encodeToString(HexFormat.of()
                .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        assertThatThrownBy(() -> FileRootKeyProvider.open(file))
                .hasMessageContaining("corrupted").hasMessageContaining("backup")
                .message().doesNotContain(keyLine.substring(0, 8)).doesNotContain(keyLine.substring(8, 16));
    }

    @Test
    void open_fileOfAnotherFormatVersion_isRefusedAsSuch() throws IOException {
        Path file = fixture("root-key-v1.key", dir);
        byte[] v2 = Files.readAllBytes(file);
        v2[17] = '2';
        overwrite(file, v2);
        assertThatThrownBy(() -> FileRootKeyProvider.open(file)).hasMessageContaining("'coffer-root-key v2'");
    }

    @Test
    void open_missingFile_isRefused() {
        assertThatThrownBy(() -> FileRootKeyProvider.open(keyFile()))
                .isInstanceOf(RootKeyException.class).hasMessageContaining("does not exist");
    }

    @Test
    void open_directoryInsteadOfFile_isRefused() throws IOException {
        Files.createDirectories(keyFile());
        assertThatThrownBy(() -> FileRootKeyProvider.open(keyFile()))
                .isInstanceOf(RootKeyException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void rootKey_returnsIndependentCopies() {
        try (FileRootKeyProvider p = FileRootKeyProvider.openOrCreate(keyFile(), new SecureRandom())) {
            Secret first = p.rootKey();
            byte[] copy = first.revealBytes().clone();
            first.close();
            try (Secret second = p.rootKey()) {
                assertThat(second.revealBytes()).isEqualTo(copy);
            }
        }
    }

    @Test
    void descriptionAndToString_nameTheFileButNotTheKey() throws IOException {
        Path file = fixture("root-key-v1.key", dir);
        try (FileRootKeyProvider p = FileRootKeyProvider.open(file)) {
            assertThat(p.description()).isEqualTo("file " + file);
            assertThat(p.toString()).contains(file.toString()).doesNotContain("AAECAwQF");
        }
    }
}
