package dev.coffer.store.root;

import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root key in a file that only its owner may read, generated on first start.
 *
 * <p>File format, frozen (existing installations depend on it; a new format gets a new version line).
 * ASCII, three lines, each ending in one LF (0x0A), 109 bytes in all:
 * <pre>
 *   bytes   0..17   "coffer-root-key v1"                        header and format version
 *   byte   18       LF
 *   bytes  19..62   base64(key)                                 RFC 4648 §4 alphabet, with padding:
 *   byte   63       LF                                          44 characters for the 32 key bytes
 *   bytes  64..107  base64(SHA-256(bytes 0..63))                check value over the header, the key
 *   byte  108       LF                                          line and both their LFs
 * </pre>
 * The check value is a checksum, not a secret or a MAC: it detects truncation and any changed character
 * (including a base64 variant that would decode to the same key), so a damaged file is refused instead of
 * silently yielding a different key. The file is created with mode 0600 and refused at startup if its
 * group or others have any access.
 */
public final class FileRootKeyProvider implements RootKeyProvider {
    private static final Logger log = LoggerFactory.getLogger(FileRootKeyProvider.class);
    static final String HEADER = "coffer-root-key v1";
    private static final String HEADER_PREFIX = "coffer-root-key ";
    private static final int KEY_LINE_CHARS = 44;
    static final int FILE_BYTES = HEADER.length() + 1 + 2 * (KEY_LINE_CHARS + 1);
    private static final String WHAT = "root key file";

    private final Path file;
    private final Secret key;

    private FileRootKeyProvider(Path file, Secret key) {
        this.file = file;
        this.key = key;
    }

    /** Loads the key from {@code file}, or generates it there if the file does not exist yet. */
    public static FileRootKeyProvider openOrCreate(Path file, SecureRandom random) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(random, "random");
        Path path = file.toAbsolutePath();
        if (!Files.exists(path)) {
            try (Secret fresh = Secret.random(KEY_BYTES, random)) {
                byte[] content = encode(fresh);
                try {
                    if (PrivateFiles.createNew(path, content, random)) {
                        log.info("generated a new root key in {}; back it up: without it nothing it protects"
                                + " can be decrypted", path);
                    }
                } catch (IOException e) {
                    throw new RootKeyException("cannot create " + WHAT + " " + path + ": " + e, e);
                } finally {
                    Arrays.fill(content, (byte) 0);
                }
            }
        }
        return open(path);
    }

    /** Loads the key from an existing {@code file}. */
    public static FileRootKeyProvider open(Path file) {
        Path path = Objects.requireNonNull(file, "file").toAbsolutePath();
        byte[] content;
        try {
            content = PrivateFiles.readOwnerOnly(path, WHAT);
        } catch (NoSuchFileException e) {
            throw new RootKeyException(WHAT + " " + path + " does not exist; restore it from your backup", e);
        } catch (IOException e) {
            throw new RootKeyException("cannot read " + WHAT + " " + path + ": " + e, e);
        }
        try {
            return new FileRootKeyProvider(path, decode(path, content));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    static byte[] encode(Secret key) {
        byte[] keyLine = Base64.getEncoder().encode(key.revealBytes());
        byte[] out = new byte[FILE_BYTES];
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, out, 0, header.length);
        int at = header.length;
        out[at++] = '\n';
        System.arraycopy(keyLine, 0, out, at, KEY_LINE_CHARS);
        Arrays.fill(keyLine, (byte) 0);
        at += KEY_LINE_CHARS;
        out[at++] = '\n';
        byte[] check = Base64.getEncoder().encode(sha256(out, at));
        System.arraycopy(check, 0, out, at, KEY_LINE_CHARS);
        out[FILE_BYTES - 1] = '\n';
        return out;
    }

    private static Secret decode(Path path, byte[] content) {
        String start = new String(content, 0, Math.min(content.length, HEADER.length()), StandardCharsets.US_ASCII);
        if (!start.startsWith(HEADER_PREFIX) && !HEADER_PREFIX.startsWith(start)) {
            throw new RootKeyException(WHAT + " " + path + " is not a Coffer root key file");
        }
        if (content.length >= HEADER.length() + 1 && !start.equals(HEADER)) {
            throw new RootKeyException(WHAT + " " + path + " has format '" + start.strip() + "', not '" + HEADER
                    + "': it was written by another Coffer version, or is corrupted; restore it from your backup");
        }
        int checkAt = HEADER.length() + 1 + KEY_LINE_CHARS + 1;
        if (content.length != FILE_BYTES || content[HEADER.length()] != '\n' || content[checkAt - 1] != '\n'
                || content[FILE_BYTES - 1] != '\n') {
            throw corrupted(path, "expected " + FILE_BYTES + " bytes in three lines, found " + content.length
                    + " bytes");
        }
        byte[] expected = sha256(content, checkAt);
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(Arrays.copyOfRange(content, checkAt, FILE_BYTES - 1));
        } catch (IllegalArgumentException e) {
            throw corrupted(path, "the check line is not base64");
        }
        if (!MessageDigest.isEqual(expected, stored)) {
            throw corrupted(path, "the check value does not match the key");
        }
        byte[] keyLine = Arrays.copyOfRange(content, HEADER.length() + 1, checkAt - 1);
        try {
            byte[] key = Base64.getDecoder().decode(keyLine);
            if (key.length != KEY_BYTES) {
                Arrays.fill(key, (byte) 0);
                throw corrupted(path, "the key is not " + KEY_BYTES + " bytes");
            }
            return Secret.wrap(key);
        } catch (IllegalArgumentException e) {
            throw corrupted(path, "the key line is not base64");
        } finally {
            Arrays.fill(keyLine, (byte) 0);
        }
    }

    private static RootKeyException corrupted(Path path, String why) {
        return new RootKeyException(WHAT + " " + path + " is corrupted (" + why + "); restore it from your"
                + " backup. Do not delete it or let Coffer generate a new one: data under the old key would be"
                + " lost");
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public Secret rootKey() {
        return key.copy();
    }

    @Override
    public String description() {
        return "file " + file;
    }

    @Override
    public void close() {
        key.close();
    }

    @Override
    public String toString() {
        return "FileRootKeyProvider[" + file + "]";
    }
}
