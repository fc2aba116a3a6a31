package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CryptoOutputStream;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import com.amazonaws.encryptionsdk.model.CiphertextHeaders;
import com.amazonaws.encryptionsdk.model.KeyBlob;
import dev.coffer.crypto.JitWarmup;
import dev.coffer.crypto.OffloadedSha384;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.cryptography.materialproviders.IKeyring;

/**
 * {@code coffer decrypt}: decrypts an AWS Encryption SDK message (from {@code coffer encrypt}, any AWS Encryption
 * SDK or the AWS Encryption CLI) with KMS. Strict mode asks only the given keys, discovery mode whichever key
 * the message names. Given context pairs are checked against the message's before any plaintext is written;
 * the output file appears only after the whole message, its last frame and its signature are verified.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decrypts IN (an AWS Encryption SDK message) to OUT with the data key KMS decrypts.",
                "Give the keys that may decrypt it (--key-id, strict mode) or --discovery.",
                "IN or OUT '-' is standard input or output. OUT appears only when the whole message is verified;"
                        + " on standard output, plaintext streams as frames are verified and only the exit code"
                        + " tells whether the end was."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:cannot decrypt: wrong key, wrong context, modified or cut-short file",
                "2:usage", "3:credentials, KMS unreachable, key disabled or not allowed", "4:file error"})
public final class DecryptCommand implements Callable<Integer> {
    /** Added to the context by the SDK for signed suites; not the user's, so never shown as theirs. */
    private static final String PUBLIC_KEY_CONTEXT = "aws-crypto-public-key";

    private final AwsSettings settings;
    private final Stdio stdio;

    @Option(names = {"-k", "--key-id"}, paramLabel = "KEY",
            description = "Strict mode: a KMS key that may decrypt the message (repeatable). Best a key ARN; a key"
                    + " id or alias is resolved to its key's ARN with DescribeKey.")
    List<String> keyIds = List.of();

    @Option(names = "--discovery",
            description = "Discovery mode: ask KMS to decrypt with whatever key the message names.")
    boolean discovery;

    @Option(names = "--discovery-account", paramLabel = "ACCOUNT",
            description = "With --discovery: only keys of this AWS account (repeatable).")
    List<String> discoveryAccounts = List.of();

    @Option(names = "--discovery-partition", paramLabel = "PARTITION",
            description = "With --discovery-account: the accounts' partition (default: aws).")
    String discoveryPartition;

    @Mixin
    MessageOptions message;

    @Mixin
    CryptoSettings crypto;

    @Mixin
    KmsOptions kms;

    @Parameters(index = "0", paramLabel = "IN", description = "Encrypted message, or '-' for standard input.")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the plaintext, or '-'.")
    String output;

    /** Reads the process's environment and ~/.aws, and uses the process's standard streams. */
    public DecryptCommand() {
        this(AwsSettings.system(), Stdio.system());
    }

    public DecryptCommand(AwsSettings settings, Stdio stdio) {
        this.settings = requireNonNull(settings, "settings");
        this.stdio = requireNonNull(stdio, "stdio");
    }

    @Override
    public Integer call() {
        JitWarmup.startForFrames(false);
        OffloadedSha384.install();
        return Failures.run("coffer decrypt", stdio.err(), this::decrypt);
    }

    private int decrypt() throws Exception {
        checkMode();
        Map<String, String> expected = message.context();
        int maxKeys = message.maxEncryptedDataKeys();
        int sdkMaxKeys = maxKeys == MessageOptions.DEFAULT_MAX_ENCRYPTED_DATA_KEYS
                ? CiphertextHeaders.NO_MAX_ENCRYPTED_DATA_KEYS : maxKeys;
        try (KmsClients clients = new KmsClients(kms.resolve(settings))) {
            clients.checkCredentials();
            try (Transfer.Input in = Transfer.open(input, stdio);
                    PendingOutput out = PendingOutput.open(output, stdio)) {
                Progress progress = Transfer.progress(stdio, message, "decrypting", in.size());
                MessageHead head = MessageHead.read(in.stream(), sdkMaxKeys);
                boolean framed = FramedMessageDecryptor.accepts(head, crypto.commitmentPolicy, sdkMaxKeys);
                try {
                    Keyrings keyrings = new Keyrings(clients);
                    IKeyring keyring = discovery
                            ? keyrings.forDiscovery(discoveryAccounts, Optional.ofNullable(discoveryPartition))
                            : keyrings.forStrictDecrypt(keyIds);
                    if (framed) {
                        new FramedMessageDecryptor(crypto.commitmentPolicy, keyrings.materialsManager(keyring))
                                .decrypt(head, in.stream(), FramedMessageDecryptor.startHash(head),
                                        context -> checkContext(expected, context), out.stream(), progress);
                    } else {
                        decryptWithSdk(keyrings, keyring, maxKeys, expected,
                                Transfer.prefixed(head.read(), 0, in.stream()),
                                out.stream(), progress);
                    }
                } catch (RuntimeException | IOException e) {
                    throw explain(e, head.read());
                } finally {
                    progress.finish();
                }
                out.commit();
            }
        }
        return 0;
    }

    /**
     * Any other message (not framed, unusual header) through the SDK's own decrypting stream, which also gives
     * the SDK's own error for whatever it refuses.
     */
    private void decryptWithSdk(Keyrings keyrings, IKeyring keyring, int maxKeys, Map<String, String> expected,
            InputStream in, OutputStream out, Progress progress) throws IOException {
        AwsCrypto awsCrypto = crypto.builder(keyrings.materialProviders(), maxKeys).build();
        CheckFirst gate = new CheckFirst(out);
        CryptoOutputStream<?> decrypting = awsCrypto.createDecryptingStream(keyring, gate);
        gate.check = () -> checkContext(expected, decrypting.getCryptoResult().getEncryptionContext());
        Transfer.copy(in, decrypting, progress, Transfer.CHUNK);
        decrypting.close();
        gate.runCheck();
    }

    private void checkMode() {
        if (discovery && !keyIds.isEmpty()) {
            throw CliException.usage("give either --key-id (strict mode) or --discovery, not both");
        }
        if (!discovery && keyIds.isEmpty()) {
            throw CliException.usage("give the keys that may decrypt the message (--key-id ARN, strict mode)"
                    + " or --discovery");
        }
        if (!discovery && !discoveryAccounts.isEmpty()) {
            throw CliException.usage("--discovery-account needs --discovery");
        }
        if (discoveryPartition != null && discoveryAccounts.isEmpty()) {
            throw CliException.usage("--discovery-partition needs --discovery-account");
        }
    }

    /** Every pair given must be in the message's context with the same value; the message may have more. */
    static void checkContext(Map<String, String> expected, Map<String, String> actual) {
        for (Map.Entry<String, String> pair : expected.entrySet()) {
            String found = actual.get(pair.getKey());
            if (!pair.getValue().equals(found)) {
                Map<String, String> shown = actual.entrySet().stream()
                        .filter(e -> !e.getKey().equals(PUBLIC_KEY_CONTEXT))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                                java.util.TreeMap::new));
                throw CliException.data("encryption context mismatch: expected " + pair.getKey() + "="
                        + pair.getValue() + ", the message has " + (found == null ? "no " + pair.getKey()
                        : pair.getKey() + "=" + found) + " (its context: " + shown + ")");
            }
        }
    }

    /** Names the keys the message was encrypted under when none of ours could open it. */
    private Exception explain(Exception e, byte[] head) {
        CliException described = Failures.describe(e, true);
        if (described.exitCode() != CliException.DATA || !described.getMessage().startsWith("none of the keys")) {
            return described;
        }
        try {
            List<KeyBlob> blobs = new ParsedCiphertext(head).getEncryptedKeyBlobs();
            String names = blobs.stream()
                    .map(b -> new String(b.getProviderInformation(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining(", "));
            return CliException.data(discovery
                    ? "KMS could decrypt none of the message's data keys (it names " + names + ")"
                    : "none of the --key-id keys can open this message; it was encrypted under " + names);
        } catch (RuntimeException notParsed) {
            return described;
        }
    }

    @Override
    public String toString() {
        return "DecryptCommand[" + input + " -> " + output + "]";
    }

    /** Runs the context check before the first plaintext byte passes, so a mismatch releases nothing. */
    private static final class CheckFirst extends FilterOutputStream {
        Runnable check = () -> { };
        private boolean checked;

        CheckFirst(OutputStream out) {
            super(out);
        }

        void runCheck() {
            if (!checked) {
                check.run();
                checked = true;
            }
        }

        @Override
        public void write(int b) throws IOException {
            runCheck();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            runCheck();
            out.write(b, off, len);
        }
    }
}
