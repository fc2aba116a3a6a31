package dev.coffer.store.root;

import dev.coffer.store.internal.Durable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/** Small files only their owner may touch: created 0600 from the first byte, refused when exposed. */
final class PrivateFiles {
    /** Larger than any file Coffer writes here; a bigger file is not ours, and is not read into memory. */
    private static final long MAX_BYTES = 4096;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

    private PrivateFiles() {
    }

    /**
     * Writes {@code content} to {@code target} as a new 0600 file, durably and atomically, and never over
     * an existing file. Returns false, writing nothing, if {@code target} already exists (e.g. another
     * process created it first): the caller must then use that file, not its own content.
     */
    static boolean createNew(Path target, byte[] content, SecureRandom random) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Durable.createDirectories(dir);
        byte[] suffix = new byte[8];
        random.nextBytes(suffix);
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
        boolean created;
        // The mode is set as the file is created: a write-then-chmod file is readable by others in between.
        try (FileChannel ch = FileChannel.open(tmp,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            created = publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Durable.fsyncDirectory(dir);
        return created;
    }

    /**
     * A hard link is an atomic rename that refuses to replace: two processes starting at once cannot
     * overwrite each other's freshly generated key (rename(2) would, silently).
     */
    private static boolean publish(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // No hard links on this file system: rename, accepting a race between two first starts.
            if (Files.exists(target)) {
                return false;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** Reads {@code file} after checking that neither its group nor others have any access to it. */
    static byte[] readOwnerOnly(Path file, String what) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class); // NoSuchFileException
        if (!attrs.isRegularFile() || attrs.size() > MAX_BYTES) {
            throw new RootKeyException(what + " " + file + " is not a regular file of at most " + MAX_BYTES
                    + " bytes; it is not a file Coffer wrote");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            throw new RootKeyException(what + " " + file + " is on a file system without POSIX permissions,"
                    + " so Coffer cannot tell who may read it; move it to a POSIX file system");
        }
        if (!Collections.disjoint(perms, NOT_OWNER)) {
            throw new RootKeyException(what + " " + file + " is " + exposure(perms) + " (mode " + mode(perms)
                    + "); run chmod 600 " + file);
        }
        return Files.readAllBytes(file);
    }

    /** "readable by others", "writable by group": the worst of what group and others may do. */
    static String exposure(Set<PosixFilePermission> perms) {
        boolean others = perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.OTHERS_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        boolean read = perms.contains(others ? PosixFilePermission.OTHERS_READ : PosixFilePermission.GROUP_READ);
        boolean write = perms.contains(others ? PosixFilePermission.OTHERS_WRITE : PosixFilePermission.GROUP_WRITE);
        String how = read && write ? "readable and writable" : read ? "readable" : write ? "writable" : "accessible";
        return how + " by " + (others ? "others" : "group");
    }

    /** Octal mode, e.g. "0644". */
    static String mode(Set<PosixFilePermission> perms) {
        int bits = 0;
        for (PosixFilePermission p : perms) {
            bits |= 1 << (8 - p.ordinal()); // the enum runs OWNER_READ (0400) … OTHERS_EXECUTE (0001)
        }
        return "%04o".formatted(bits);
    }
}
