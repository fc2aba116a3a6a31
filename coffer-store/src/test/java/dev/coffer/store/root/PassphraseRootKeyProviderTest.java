package dev.coffer.store.root;

import static dev.coffer.store.root.RootKeyFiles.chmod;
import static dev.coffer.store.root.RootKeyFiles.fixture;
import static dev.coffer.store.root.RootKeyFiles.mode;
import static dev.coffer.store.root.RootKeyFiles.overwrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseRootKeyProviderTest {
    /** Cheap parameters: these tests are about files and checks, not about cost. */
    private static final Argon2Params FAST = new Argon2Params(256, 1, 1);
    private static final String FIXTURE_KEY = "43e87dc5e8fa1c7a01a00962bf051a875f79c20c40342bc3ceff5ac7362037bf";

    @TempDir
    Path dir;

    private Path paramsFile() {
        return dir.resolve("root-passphrase.params");
    }

    private static Secret passphrase(String s) {
        return Secret.copyOf(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String keyHex(RootKeyProvider provider) {
        try (Secret key = provider.rootKey()) {
            return HexFormat.of().formatHex(key.revealBytes());
        }
    }

    private String create(String pass, Argon2Params params) {
        try (PassphraseRootKeyProvider p = PassphraseRootKeyProvider.openOrCreate(paramsFile(), passphrase(pass),
                new SecureRandom(), params)) {
            return keyHex(p);
        }
    }

    @Test
    void rightPassphrase_onSecondStart_returnsTheSameKey() {
        String first = create("correct horse", FAST);
        try (PassphraseRootKeyProvider p = PassphraseRootKeyProvider.open(paramsFile(), passphrase("correct horse"))) {
            assertThat(keyHex(p)).isEqualTo(first).hasSize(64);
        }
    }

    @Test
    void wrongPassphrase_isRefused() {
        create("correct horse", FAST);
        assertThatThrownBy(() -> PassphraseRootKeyProvider.open(paramsFile(), passphrase("correct horsf")))
                .isInstanceOf(RootKeyException.class)
                .hasMessageContaining("passphrase is wrong").hasMessageContaining(paramsFile().toString())
                .message().doesNotContain("hors");
    }

    @Test
    void openOrCreate_whenTheFileExists_usesItsParametersNotTheNewDefaults() {
        String first = create("pass", FAST);
        Argon2Params other = new Argon2Params(512, 2, 1);
        try (PassphraseRootKeyProvider p = PassphraseRootKeyProvider.openOrCreate(paramsFile(), passphrase("pass"),
                new SecureRandom(), other)) {
            assertThat(keyHex(p)).isEqualTo(first);
            assertThat(p.description()).contains("m=256 KiB, t=1, p=1").contains(paramsFile().toString());
        }
    }

    @Test
    void differentInstallations_deriveDifferentKeysFromTheSamePassphrase() {
        String first = create("pass", FAST);
        Path other = dir.resolve("other.params");
        try (PassphraseRootKeyProvider p = PassphraseRootKeyProvider.openOrCreate(other, passphrase("pass"),
                new SecureRandom(), FAST)) {
            assertThat(keyHex(p)).isNotEqualTo(first); // the random salt differs
        }
    }

    @Test
    void paramsFile_isCreatedWithMode0600() throws IOException {
        create("pass", FAST);
        assertThat(mode(paramsFile())).isEqualTo("rw-------");
        assertThat(Files.readString(paramsFile())).startsWith("coffer-root-passphrase v1\n");
    }

    @Test
    void paramsFile_readableByOthers_isRefused() throws IOException {
        create("pass", FAST);
        chmod(paramsFile(), "rw-r--r--");
        assertThatThrownBy(() -> PassphraseRootKeyProvider.open(paramsFile(), passphrase("pass")))
                .hasMessage("root passphrase parameters file " + paramsFile() + " is readable by others (mode 0644);"
                        + " run chmod 600 " + paramsFile());
    }

    @Test
    void knownAnswerFile_withItsPassphrase_yieldsItsKey() throws IOException {
        Path file = fixture("passphrase-v1.params", dir);
        try (PassphraseRootKeyProvider p = PassphraseRootKeyProvider.open(file,
                passphrase("correct horse battery staple"))) {
            assertThat(keyHex(p)).isEqualTo(FIXTURE_KEY);
        }
    }

    @Test
    void damagedFile_isRefusedAsCorruptedNotAsWrongPassphrase() throws IOException {
        Path file = fixture("passphrase-v1.params", dir);
        byte[] good = Files.readAllBytes(file);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            overwrite(file, bad);
            assertThatThrownBy(() -> PassphraseRootKeyProvider.open(file, passphrase("correct horse battery staple")))
                    .as("byte %d flipped", i)
                    .isInstanceOf(RootKeyException.class)
                    .message().doesNotContain("passphrase is wrong");
        }
        overwrite(file, Arrays.copyOf(good, good.length - 5));
        assertThatThrownBy(() -> PassphraseRootKeyProvider.open(file, passphrase("correct horse battery staple")))
                .hasMessageContaining("corrupted");
    }

    @Test
    void emptyPassphrase_isRefused() {
        assertThatThrownBy(() -> PassphraseRootKeyProvider.openOrCreate(paramsFile(), passphrase(""),
                new SecureRandom(), FAST)).hasMessageContaining("empty");
        assertThat(paramsFile()).doesNotExist();
    }

    @Test
    void passphraseOf_encodesCharsAsUtf8() {
        try (Secret s = PassphraseRootKeyProvider.passphraseOf("pä€".toCharArray())) {
            assertThat(s.revealBytes()).isEqualTo("pä€".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void defaultParameters_createAndReopen() {
        long start = System.nanoTime();
        String first = create("a real passphrase", Argon2Params.DEFAULT);
        try (PassphraseRootKeyProvider p = PassphraseRootKeyProvider.open(paramsFile(), passphrase("a real passphrase"))) {
            assertThat(keyHex(p)).isEqualTo(first);
            assertThat(p.description()).contains("m=65536 KiB, t=3, p=1");
        }
        // Two derivations; generous bound for a loaded CI machine, tight enough to notice a 10x regression.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void argon2id_asConfiguredHere_matchesRfc9106Vector() {
        // RFC 9106 §5.3: checks that BouncyCastle with ARGON2_id and version 0x13 is the Argon2id we document.
        byte[] password = filled(32, 0x01);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4)
                .withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04))
                .build());
        byte[] tag = new byte[32];
        generator.generateBytes(password, tag);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
