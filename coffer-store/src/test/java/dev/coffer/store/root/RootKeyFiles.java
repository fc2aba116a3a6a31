package dev.coffer.store.root;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Test helpers: fixtures copied out of the classpath, file modes set as an operator would. */
final class RootKeyFiles {
    private RootKeyFiles() {
    }

    static Path fixture(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = RootKeyFiles.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        chmod(target, "rw-------");
        return target;
    }

    static void chmod(Path file, String perms) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** Rewrites a file in place, keeping it 0600, the way damage or a bad edit would. */
    static void overwrite(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        chmod(file, "rw-------");
    }
}
