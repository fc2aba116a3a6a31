package dev.coffer.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordered list of schema migrations: versions 1..n, no gaps.
 *
 * <p>Coffer's migrations are classpath resources in {@value #COFFER_LOCATION}, listed in that
 * directory's {@value #INDEX} (one file name per line; blank lines and {@code #} comments ignored).
 * The index exists because a class loader cannot list a directory portably (exploded classes, a jar, a
 * shaded jar), and because it keeps a stray file from becoming a migration. To add a migration, add
 * {@code V000n__what_it_does.sql} and its line in the index; a test checks the two agree.
 */
public final class Migrations {
    public static final String COFFER_LOCATION = "dev/coffer/store/migrations";
    public static final String INDEX = "index.txt";

    private final List<Migration> all;

    private Migrations(List<Migration> all) {
        this.all = all;
    }

    /** Coffer's own schema. */
    public static Migrations coffer() {
        return fromClasspath(Migrations.class.getClassLoader(), COFFER_LOCATION);
    }

    /** Reads {@code location/index.txt} and every file it names from {@code loader}. */
    public static Migrations fromClasspath(ClassLoader loader, String location) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(location, "location");
        List<Migration> list = new ArrayList<>();
        for (String line : resource(loader, location + "/" + INDEX).split("\\R")) {
            String fileName = line.strip();
            if (!fileName.isEmpty() && !fileName.startsWith("#")) {
                list.add(Migration.fromFile(fileName, resource(loader, location + "/" + fileName)));
            }
        }
        return of(list);
    }

    /** Checks that the versions run 1, 2, …, n in order. */
    public static Migrations of(List<Migration> migrations) {
        List<Migration> copy = List.copyOf(migrations);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + copy.get(i).fileName() + " is at position "
                        + (i + 1) + "; versions must run 1, 2, 3, … without gaps");
            }
        }
        return new Migrations(copy);
    }

    public List<Migration> all() {
        return all;
    }

    /** The version a fully migrated database is at; 0 when there are no migrations. */
    public int latestVersion() {
        return all.size();
    }

    private static String resource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration resource " + path, e);
        }
    }
}
