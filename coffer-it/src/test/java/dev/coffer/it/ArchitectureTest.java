package dev.coffer.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of DESIGN.md and STYLE.md that the machine holds, so that no change brings a mistake back. */
class ArchitectureTest {
    private static JavaClasses coffer;

    @BeforeAll
    static void importClasses() {
        coffer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coffer");
    }

    @Test
    void domainModules_neverSeeHttpTypes() {
        noClasses().that().resideInAnyPackage("dev.coffer.crypto..", "dev.coffer.store..", "dev.coffer.iam..",
                        "dev.coffer.s3..", "dev.coffer.kms..", "dev.coffer.audit..", "dev.coffer.sigv4..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "jakarta.servlet..",
                        "dev.coffer.server..")
                .check(coffer);
    }

    @Test
    void onlyTheCryptoModule_makesCiphers() {
        noClasses().that().resideOutsideOfPackage("dev.coffer.crypto..")
                .should().callMethod(javax.crypto.Cipher.class, "getInstance", String.class)
                .orShould().callMethod(javax.crypto.Cipher.class, "getInstance", String.class, String.class)
                .check(coffer);
    }

    @Test
    void theServer_doesNoSql() {
        noClasses().that().resideInAnyPackage("dev.coffer.server..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
                .check(coffer);
    }

    @Test
    void noSourceFile_isLongerThan800Lines() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(root)) {
            tooLong = files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .filter(p -> lines(p) > 800)
                    .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
                    .toList();
        }
        assertThat(tooLong).as("files over 800 lines must be split").isEmpty();
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
