package dev.coffer.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file-system steps that make a write survive a power loss. A rename or a new file is only durable
 * once the directory holding its name has been fsynced too; fsyncing the file alone keeps its bytes but
 * may lose its name.
 */
public final class Durable {
    private Durable() {
    }

    /** Flushes a directory's entries (created, renamed, deleted names) to stable storage. */
    public static void fsyncDirectory(Path dir) throws IOException {
        // Opening a directory for READ and forcing it is fsync(2) on the directory's descriptor on Linux
        // and macOS, the platforms Coffer supports.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Creates {@code dir} and any missing parents, fsyncing each parent that gained an entry, so that a
     * file later renamed into {@code dir} cannot lose its path in a crash. Safe to race with itself.
     */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // Another thread made it but may not have fsynced the parent yet; we cannot rely on it.
        }
        if (parent != null) {
            fsyncDirectory(parent);
        }
    }
}
