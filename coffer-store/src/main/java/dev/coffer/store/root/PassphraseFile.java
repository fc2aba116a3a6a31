package dev.coffer.store.root;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The parameters file of {@link PassphraseRootKeyProvider}; its format is documented there. Holds no
 * secret, but the check value lets anyone who reads it test passphrase guesses offline (at Argon2's cost),
 * which is why it is kept 0600 like the key file.
 */
record PassphraseFile(Argon2Params params, byte[] salt, byte[] check) {
    static final String HEADER = "coffer-root-passphrase v1";
    static final String KDF = "argon2id-1.3";
    static final int SALT_BYTES = 16;
    static final int CHECK_BYTES = 16;
    private static final List<String> KEYS =
            List.of("kdf", "memory-kib", "iterations", "parallelism", "salt", "check", "checksum");
    private static final String WHAT = "root passphrase parameters file";

    PassphraseFile {
        if (salt.length != SALT_BYTES || check.length != CHECK_BYTES) {
            throw new IllegalArgumentException("salt and check must be " + SALT_BYTES + " bytes");
        }
        salt = salt.clone();
        check = check.clone();
    }

    byte[] encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        String body = HEADER + "\n"
                + "kdf=" + KDF + "\n"
                + "memory-kib=" + params.memoryKib() + "\n"
                + "iterations=" + params.iterations() + "\n"
                + "parallelism=" + params.parallelism() + "\n"
                + "salt=" + b64.encodeToString(salt) + "\n"
                + "check=" + b64.encodeToString(check) + "\n";
        byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
        String sum = "checksum=" + b64.encodeToString(sha256(bodyBytes)) + "\n";
        return (body + sum).getBytes(StandardCharsets.US_ASCII);
    }

    static PassphraseFile decode(Path path, byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        if (!text.startsWith(HEADER + "\n")) {
            String first = text.lines().findFirst().orElse("");
            throw new RootKeyException(first.startsWith("coffer-root-passphrase ")
                    ? WHAT + " " + path + " has format '" + first + "', not '" + HEADER + "': it was written by"
                            + " another Coffer version, or is corrupted; restore it from your backup"
                    : WHAT + " " + path + " is not a Coffer root passphrase parameters file");
        }
        if (!text.endsWith("\n")) {
            throw corrupted(path, "it is truncated");
        }
        String[] lines = text.substring(HEADER.length() + 1, text.length() - 1).split("\n", -1);
        if (lines.length != KEYS.size()) {
            throw corrupted(path, "expected " + (KEYS.size() + 1) + " lines, found " + (lines.length + 1));
        }
        String[] values = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String prefix = KEYS.get(i) + "=";
            if (!lines[i].startsWith(prefix)) {
                throw corrupted(path, "line " + (i + 2) + " should start with '" + prefix + "'");
            }
            values[i] = lines[i].substring(prefix.length());
        }
        int checksumAt = text.lastIndexOf("checksum=");
        byte[] expected = sha256(Arrays.copyOf(content, checksumAt));
        if (!MessageDigest.isEqual(expected, base64(path, "checksum", values[6]))) {
            throw corrupted(path, "the checksum does not match the contents");
        }
        if (!KDF.equals(values[0])) {
            throw corrupted(path, "unknown kdf '" + values[0] + "'");
        }
        try {
            Argon2Params params = new Argon2Params(
                    Integer.parseInt(values[1]), Integer.parseInt(values[2]), Integer.parseInt(values[3]));
            return new PassphraseFile(params, base64(path, "salt", values[4]), base64(path, "check", values[5]));
        } catch (IllegalArgumentException e) {
            throw corrupted(path, e.getMessage());
        }
    }

    private static byte[] base64(Path path, String name, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw corrupted(path, "the " + name + " is not base64");
        }
    }

    private static RootKeyException corrupted(Path path, String why) {
        return new RootKeyException(WHAT + " " + path + " is corrupted (" + why + "); restore it from your"
                + " backup. Without it the passphrase cannot derive the root key");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
