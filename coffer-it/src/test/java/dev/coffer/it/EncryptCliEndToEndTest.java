package dev.coffer.it;

import static dev.coffer.it.CliRunner.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import dev.coffer.cli.AwsSettings;
import dev.coffer.it.CliRunner.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * {@code coffer encrypt} / {@code decrypt} against a real Coffer's KMS, run in-process, and interop with the AWS
 * Encryption SDK for Java used directly as a library.
 */
class EncryptCliEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    static KmsClient kms;
    static CliRunner cli;
    static KeyMetadata keyA;
    static KeyMetadata keyB;
    static KeyMetadata keyC;
    static KeyMetadata unrelated;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        kms = coffer.kms();
        cli = CliRunner.against(coffer);
        keyA = kms.createKey(b -> b.description("cli test A")).keyMetadata();
        keyB = kms.createKey(b -> b.description("cli test B")).keyMetadata();
        keyC = kms.createKey(b -> b.description("cli test C")).keyMetadata();
        unrelated = kms.createKey(b -> b.description("cli test unrelated")).keyMetadata();
        kms.createAlias(b -> b.aliasName("alias/cli-test-a").targetKeyId(keyA.keyId()));
    }

    @Test
    void roundTrip_of100MiB_throughCoffersKms_restoresTheSameBytes() throws Exception {
        Path plain = randomFile("plain.bin", 100 << 20);
        Path sealed = dir.resolve("plain.bin.encrypted");
        Path restored = dir.resolve("restored.bin");

        Run encrypt = cli.encrypt(args("--key-id", keyA.arn(), "--context", "purpose=test", plain, sealed));
        assertThat(encrypt.exit()).as(encrypt.toString()).isZero();
        assertThat(encrypt.stderr()).isEmpty();
        assertThat(Files.size(sealed)).isGreaterThan(100L << 20);

        Run decrypt = cli.decrypt(args("--key-id", keyA.arn(), "--context", "purpose=test", sealed, restored));
        assertThat(decrypt.exit()).as(decrypt.toString()).isZero();
        assertThat(sha256(restored)).isEqualTo(sha256(plain));
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "plain.bin.encrypted", "restored.bin");
    }

    @Test
    void encryptedByCoffer_decryptsWithTheAwsEncryptionSdk() throws Exception {
        Path plain = randomFile("plain.bin", 3 << 20);
        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", "alias/cli-test-a", "-c", "team=blue", plain, sealed)));

        CryptoResult<byte[], ?> result = esdk().decryptData(keyring(keyA.arn()), Files.readAllBytes(sealed));
        assertThat(result.getResult()).isEqualTo(Files.readAllBytes(plain));
        assertThat(result.getEncryptionContext()).containsEntry("team", "blue");
        assertThat(result.getCryptoAlgorithm())
                .isEqualTo(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384", "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY"})
    void encryptedByTheAwsEncryptionSdk_decryptsWithCoffer(String suite) throws Exception {
        byte[] plain = randomBytes(1 << 20 | 12345);
        AwsCrypto sdk = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
                .withEncryptionAlgorithm(CryptoAlgorithm.valueOf(suite)).build();
        byte[] message = sdk.encryptData(keyring(keyB.arn()), plain, Map.of("app", "interop")).getResult();
        Path sealed = Files.write(dir.resolve("from-sdk"), message);
        Path restored = dir.resolve("restored");

        Run strict = cli.decrypt(args("-k", keyB.arn(), "-c", "app=interop", sealed, restored));
        assertThat(strict.exit()).as(strict.toString()).isZero();
        assertThat(Files.readAllBytes(restored)).isEqualTo(plain);

        Run discovery = cli.decrypt(args("--discovery", sealed, "-"));
        assertThat(discovery.exit()).as(discovery.toString()).isZero();
        assertThat(discovery.stdout()).isEqualTo(plain);
    }

    @Test
    void severalKeys_anyOneOfThemOpensTheMessage_andOthersDoNot() throws Exception {
        Path plain = randomFile("plain.bin", 200_000);
        Path sealed = dir.resolve("sealed");
        Run encrypt = cli.encrypt(args("-k", "alias/cli-test-a", "-k", keyB.arn(), "-k", keyC.keyId(), plain, sealed));
        assertThat(encrypt.exit()).as(encrypt.toString()).isZero();

        for (String key : List.of(keyA.arn(), keyB.arn(), keyC.arn(), keyC.keyId(), "alias/cli-test-a")) {
            Path out = dir.resolve("out");
            Run decrypt = cli.decrypt(args("-k", key, sealed, out));
            assertThat(decrypt.exit()).as(key + " " + decrypt).isZero();
            assertThat(Files.mismatch(out, plain)).isEqualTo(-1);
            Files.delete(out);
        }
        Run both = cli.decrypt(args("-k", unrelated.arn(), "-k", keyC.arn(), sealed, dir.resolve("out")));
        assertThat(both.exit()).as(both.toString()).isZero();

        Run wrong = cli.decrypt(args("-k", unrelated.arn(), sealed, dir.resolve("wrong")));
        assertThat(wrong.exit()).isEqualTo(1);
        assertOneLine(wrong, "none of the --key-id keys can open this message; it was encrypted under "
                + keyA.arn());
        assertThat(wrong.stderr()).contains(keyB.arn(), keyC.arn());
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "sealed", "out");
    }

    @Test
    void maxEncryptedDataKeys_limitsBothWritingAndReading() throws Exception {
        Path plain = randomFile("plain.bin", 1000);
        Path sealed = dir.resolve("sealed");
        Run tooMany = cli.encrypt(args("-k", keyA.arn(), "-k", keyB.arn(), "--max-encrypted-data-keys", "1",
                plain, sealed));
        assertThat(tooMany.exit()).isEqualTo(2);
        ok(cli.encrypt(args("-k", keyA.arn(), "-k", keyB.arn(), plain, sealed)));

        Run refused = cli.decrypt(args("--discovery", "--max-encrypted-data-keys", "1", sealed, dir.resolve("o")));
        assertThat(refused.exit()).isEqualTo(1);
        assertOneLine(refused, "encrypted data keys");
        ok(cli.decrypt(args("--discovery", "--max-encrypted-data-keys", "2", sealed, dir.resolve("o"))));
    }

    @Test
    void context_givenOnDecrypt_mustBeInTheMessage() throws Exception {
        Path plain = randomFile("plain.bin", 300_000);
        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", keyA.arn(), "-c", "purpose=backup", "-c", "host=db1", plain, sealed)));

        ok(cli.decrypt(args("-k", keyA.arn(), sealed, dir.resolve("none"))));
        ok(cli.decrypt(args("-k", keyA.arn(), "-c", "host=db1", sealed, dir.resolve("subset"))));

        Run wrongValue = cli.decrypt(args("-k", keyA.arn(), "-c", "purpose=restore", sealed, dir.resolve("w1")));
        assertThat(wrongValue.exit()).isEqualTo(1);
        assertOneLine(wrongValue, "encryption context mismatch: expected purpose=restore, the message has"
                + " purpose=backup");
        Run missing = cli.decrypt(args("--discovery", "-c", "owner=alice", sealed, "-"));
        assertThat(missing.exit()).isEqualTo(1);
        assertOneLine(missing, "the message has no owner");
        assertThat(missing.stdout()).as("no plaintext before the context check").isEmpty();
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "sealed", "none", "subset");
    }

    @Test
    void discovery_versusStrict_options() throws Exception {
        Path plain = randomFile("plain.bin", 1000);
        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", keyB.arn(), plain, sealed)));

        ok(cli.decrypt(args("--discovery", "--discovery-account", coffer.accountId(), sealed, "-")));
        Run otherAccount = cli.decrypt(args("--discovery", "--discovery-account", "111122223333", sealed, "-"));
        assertThat(otherAccount.exit()).isEqualTo(1);
        assertOneLine(otherAccount, "KMS could decrypt none of the message's data keys (it names " + keyB.arn());

        Run neither = cli.decrypt(args(sealed, dir.resolve("x")));
        assertThat(neither.exit()).isEqualTo(2);
        assertOneLine(neither, "--key-id ARN, strict mode) or --discovery");
        Run both = cli.decrypt(args("--discovery", "-k", keyB.arn(), sealed, dir.resolve("x")));
        assertThat(both.exit()).isEqualTo(2);
        assertThat(cli.decrypt(args("-k", keyB.arn(), "--discovery-account", "1", sealed, "-")).exit()).isEqualTo(2);
    }

    @Test
    void standardInputAndOutput_roundTrip() {
        byte[] plain = randomBytes(700_001);
        Run encrypt = cli.encryptStdin(plain, "-k", keyA.arn(), "-", "-");
        assertThat(encrypt.exit()).as(encrypt.toString()).isZero();
        Run decrypt = cli.decryptStdin(encrypt.stdout(), "-k", keyA.arn(), "-", "-");
        assertThat(decrypt.exit()).as(decrypt.toString()).isZero();
        assertThat(decrypt.stdout()).isEqualTo(plain);
    }

    @Test
    void standardInput_unsignedSuite_roundTrip_andAFileOfBothSuites() throws Exception {
        byte[] plain = randomBytes(1_500_003);
        Run encrypt = cli.encryptStdin(plain, "-k", keyA.arn(), "--frame-length", "4096", "--algorithm",
                "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY", "-", "-");
        ok(encrypt);
        Run decrypt = cli.decryptStdin(encrypt.stdout(), "-k", keyA.arn(), "-", "-");
        ok(decrypt);
        assertThat(decrypt.stdout()).isEqualTo(plain);
        Path sealed = Files.write(dir.resolve("sealed"), encrypt.stdout());
        ok(cli.decrypt(args("-k", keyA.arn(), sealed, dir.resolve("out"))));
        assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(plain);
    }

    /**
     * The AWS Encryption SDK (3.0.2) ignores the sequence number a frame stores (it authenticates the one it
     * expects), so in an unsigned message a flipped bit there went unnoticed. coffer decrypt checks it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY", "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384"})
    void flippedBitInAFramesSequenceNumber_failsAndLeavesNoOutput(String suite) throws Exception {
        Path plain = randomFile("plain.bin", 200_000);
        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", keyA.arn(), "--algorithm", suite, "--frame-length", "65536", plain, sealed)));
        byte[] message = Files.readAllBytes(sealed);
        int secondFrame = new ParsedCiphertext(message).getOffset() + 4 + 12 + 65_536 + 16;
        message[secondFrame + 3] ^= 0x01; // frame 2 now says it is frame 3
        Files.write(sealed, message);
        Run decrypt = cli.decrypt(args("-k", keyA.arn(), sealed, dir.resolve("out")));
        assertThat(decrypt.exit()).as(decrypt.toString()).isEqualTo(1);
        assertOneLine(decrypt, "coffer decrypt: ");
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "sealed");
        Run stdin = cli.decryptStdin(message, "-k", keyA.arn(), "-", "-");
        assertThat(stdin.exit()).as(stdin.toString()).isEqualTo(1);
    }

    @Test
    void emptyFile_roundTrips() throws Exception {
        Path plain = Files.write(dir.resolve("empty"), new byte[0]);
        ok(cli.encrypt(args("-k", keyA.arn(), plain, dir.resolve("sealed"))));
        assertThat(cli.decrypt(args("-k", keyA.arn(), "-c", "", dir.resolve("sealed"), dir.resolve("out"))).exit())
                .isEqualTo(2);
        ok(cli.decrypt(args("-k", keyA.arn(), dir.resolve("sealed"), dir.resolve("out"))));
        assertThat(Files.size(dir.resolve("out"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 40, 200, 600, 3000, 150_000, -300, -60, -1})
    void tamperedFile_anyFlippedBit_failsAndLeavesNoOutput(int position) throws Exception {
        Path plain = randomFile("plain.bin", 400_000);
        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", keyA.arn(), "--frame-length", "65536", plain, sealed)));
        byte[] message = Files.readAllBytes(sealed);
        int at = position >= 0 ? position : message.length + position;
        message[at] ^= 0x10;
        Files.write(sealed, message);

        Run decrypt = cli.decrypt(args("-k", keyA.arn(), sealed, dir.resolve("out")));
        assertThat(decrypt.exit()).as(at + ": " + decrypt).isIn(1);
        assertOneLine(decrypt, "coffer decrypt: ");
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "sealed");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 97, 65_600, 200_000, 399_000})
    void truncatedFile_failsAndLeavesNoOutput(int cut) throws Exception {
        Path plain = randomFile("plain.bin", 400_000);
        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", keyA.arn(), "--frame-length", "65536", plain, sealed)));
        byte[] message = Files.readAllBytes(sealed);
        Files.write(sealed, java.util.Arrays.copyOf(message, message.length - cut));

        Run decrypt = cli.decrypt(args("--discovery", sealed, dir.resolve("out")));
        assertThat(decrypt.exit()).as(cut + ": " + decrypt).isEqualTo(1);
        assertOneLine(decrypt, "coffer decrypt: ");
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "sealed");
    }

    @Test
    void noCredentials_failsWithExit3_beforeWritingAnything() throws Exception {
        Path plain = randomFile("plain.bin", 1000);
        CliRunner anonymous = new CliRunner(AwsSettings.of(Map.of("AWS_ENDPOINT_URL", coffer.http().toString()),
                AwsSettings.emptyProfileFile()));
        Run encrypt = anonymous.encrypt(args("-k", keyA.arn(), plain, dir.resolve("out")));
        assertThat(encrypt.exit()).isEqualTo(3);
        assertOneLine(encrypt, "coffer encrypt: no AWS credentials found");
        Run decrypt = anonymous.decrypt(args("--discovery", plain, dir.resolve("out")));
        assertThat(decrypt.exit()).isEqualTo(3);
        assertThat(onlyFiles()).containsExactly("plain.bin");
    }

    @Test
    void wrongCredentials_failWithExit3() throws Exception {
        Path plain = randomFile("plain.bin", 1000);
        CliRunner stranger = new CliRunner(AwsSettings.of(Map.of("AWS_ENDPOINT_URL", coffer.http().toString(),
                "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"),
                AwsSettings.emptyProfileFile()));
        Run encrypt = stranger.encrypt(args("-k", keyA.arn(), plain, dir.resolve("out")));
        assertThat(encrypt.exit()).isEqualTo(3);
        assertOneLine(encrypt, "coffer encrypt: KMS refused the request");
        assertThat(onlyFiles()).containsExactly("plain.bin");
    }

    @Test
    void kmsUnreachable_failsWithExit3() throws Exception {
        Path plain = randomFile("plain.bin", 1000);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        Run encrypt = cli.encrypt(args("-k", keyA.arn(), "--endpoint", endpoint, plain, dir.resolve("out")));
        assertThat(encrypt.exit()).isEqualTo(3);
        assertOneLine(encrypt, "coffer encrypt: cannot reach KMS");

        Path sealed = dir.resolve("sealed");
        ok(cli.encrypt(args("-k", keyA.arn(), plain, sealed)));
        Run decrypt = cli.decrypt(args("--discovery", "--endpoint", endpoint, sealed, dir.resolve("out")));
        assertThat(decrypt.exit()).isEqualTo(3);
        assertOneLine(decrypt, "coffer decrypt: cannot reach KMS");
        assertThat(onlyFiles()).containsExactlyInAnyOrder("plain.bin", "sealed");
    }

    @Test
    void unknownKey_andMissingInput_failClearly() throws Exception {
        Path plain = randomFile("plain.bin", 10);
        Run unknown = cli.encrypt(args("-k", "alias/no-such-alias", plain, dir.resolve("out")));
        assertThat(unknown.exit()).isEqualTo(3);
        assertOneLine(unknown, "KMS key not found");
        Run missing = cli.encrypt(args("-k", keyA.arn(), dir.resolve("absent"), dir.resolve("out")));
        assertThat(missing.exit()).isEqualTo(4);
        assertOneLine(missing, "no such file");
        Run notEncrypted = cli.decrypt(args("--discovery", plain, dir.resolve("out")));
        assertThat(notEncrypted.exit()).isEqualTo(1);
        assertOneLine(notEncrypted, "coffer decrypt: ");
        assertThat(onlyFiles()).containsExactly("plain.bin");
    }

    // ---- helpers

    static AwsCrypto esdk() {
        return AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt).build();
    }

    static IKeyring keyring(String keyArn) {
        MaterialProviders mpl = MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
        return mpl.CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder().kmsKeyId(keyArn).kmsClient(kms).build());
    }

    static Run ok(Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    static void assertOneLine(Run run, String contains) {
        assertThat(run.stderr()).as(run.toString()).contains(contains).endsWith("\n");
        assertThat(run.stderr().strip()).as(run.toString()).doesNotContain("\n");
    }

    List<String> onlyFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    Path randomFile(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            SplittableRandom random = new SplittableRandom(size);
            byte[] buffer = new byte[1 << 16];
            for (long left = size; left > 0; left -= buffer.length) {
                fill(random, buffer);
                out.write(buffer, 0, (int) Math.min(left, buffer.length));
            }
        }
        return file;
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        fill(new SplittableRandom(size), bytes);
        return bytes;
    }

    static void fill(SplittableRandom random, byte[] buffer) {
        for (int i = 0; i < buffer.length; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < buffer.length; j++) {
                buffer[i + j] = (byte) (value >>> (8 * j));
            }
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
