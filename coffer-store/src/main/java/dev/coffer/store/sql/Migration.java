package dev.coffer.store.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema change, from a file named {@code V0001__initial_schema.sql}: a version (1, 2, …, applied in
 * that order, each once) and a script. Once released, a migration is frozen: the database records its
 * checksum and refuses to open if the script changed; fix a mistake with a new migration.
 */
public record Migration(int version, String name, String script) {
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{4})__([a-z0-9_]+)\\.sql");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        if (version < 1 || version > 9999) {
            throw new IllegalArgumentException("migration version must be 1..9999, got " + version);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("migration name must be lowercase words joined by _: " + name);
        }
        if (script.isBlank()) {
            throw new IllegalArgumentException("migration " + version + " is empty");
        }
    }

    /** Parses a file name such as {@code V0002__add_object_etag.sql}. */
    public static Migration fromFile(String fileName, String script) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "migration file name must look like V0001__lower_case_name.sql: " + fileName);
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), script);
    }

    public String fileName() {
        return "V%04d__%s.sql".formatted(version, name);
    }

    /**
     * SHA-256 of the script, hex. Line endings are normalised first so that a Windows checkout of the
     * same file does not look like an edited migration.
     */
    public String checksum() {
        byte[] text = script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
