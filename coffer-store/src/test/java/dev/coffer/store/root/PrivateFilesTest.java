package dev.coffer.store.root;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void createNew_whenTheFileAlreadyExists_leavesItUntouched() throws IOException {
        Path target = dir.resolve("root.key");
        assertThat(PrivateFiles.createNew(target, new byte[] {1}, new SecureRandom())).isTrue();
        assertThat(PrivateFiles.createNew(target, new byte[] {2}, new SecureRandom())).isFalse();
        assertThat(target).hasBinaryContent(new byte[] {1});
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temp file left behind
        }
    }

    @Test
    void mode_isOctal() {
        assertThat(PrivateFiles.mode(PosixFilePermissions.fromString("rw-r--r--"))).isEqualTo("0644");
        assertThat(PrivateFiles.mode(PosixFilePermissions.fromString("rwx--x---"))).isEqualTo("0710");
    }
}
