package dev.coffer.s3.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Scans every file under a directory for a byte string. */
final class DataDirScan {
    private DataDirScan() {}

    static void assertNoFileContains(Path dir, byte[] needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                    found.add(p);
                }
            }
        }
        assertThat(found).as("files holding the plaintext marker").isEmpty();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
