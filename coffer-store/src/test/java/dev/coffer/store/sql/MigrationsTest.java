package dev.coffer.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationsTest {

    @Test
    void coffer_indexListsEveryMigrationFileInOrder() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader()
                .getResource(Migrations.COFFER_LOCATION + "/" + Migrations.INDEX).toURI()).getParent();
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertThat(Migrations.coffer().all().stream().map(Migration::fileName).toList())
                .as("every .sql file in %s must be listed in %s, in version order", dir, Migrations.INDEX)
                .isEqualTo(files);
    }

    @Test
    void coffer_startsWithInitialSchema() {
        Migrations m = Migrations.coffer();
        assertThat(m.latestVersion()).isGreaterThanOrEqualTo(1);
        assertThat(m.all().getFirst().fileName()).isEqualTo("V0001__initial_schema.sql");
    }

    @Test
    void of_withGapInVersions_isRefused() {
        assertThatThrownBy(() -> Migrations.of(List.of(new Migration(1, "a", "SELECT 1;"),
                new Migration(3, "c", "SELECT 1;"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V0003__c.sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1__x.sql", "V0001_x.sql", "V0001__X.sql", "V0001__x.SQL", "0001__x.sql",
            "V0001__../x.sql", "V0000__x.sql"})
    void fromFile_withMalformedName_isRefused(String name) {
        assertThatThrownBy(() -> Migration.fromFile(name, "SELECT 1;")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromFile_parsesVersionAndName() {
        Migration m = Migration.fromFile("V0012__add_object_etag.sql", "SELECT 1;");
        assertThat(m.version()).isEqualTo(12);
        assertThat(m.name()).isEqualTo("add_object_etag");
        assertThat(m.fileName()).isEqualTo("V0012__add_object_etag.sql");
    }

    @Test
    void checksum_ignoresLineEndingStyle_butNotContent() {
        Migration unix = new Migration(1, "a", "CREATE TABLE t (x TEXT);\nSELECT 1;\n");
        Migration windows = new Migration(1, "a", "CREATE TABLE t (x TEXT);\r\nSELECT 1;\r\n");
        Migration edited = new Migration(1, "a", "CREATE TABLE t (y TEXT);\nSELECT 1;\n");
        assertThat(windows.checksum()).isEqualTo(unix.checksum());
        assertThat(edited.checksum()).isNotEqualTo(unix.checksum());
    }
}
