package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import dev.coffer.crypto.JitWarmup;
import dev.coffer.crypto.OffloadedSha384;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.cryptography.materialproviders.IKeyring;

/**
 * {@code coffer encrypt}: envelope encryption of a file under one or more KMS keys, written in the AWS
 * Encryption SDK message format (framed, key-committing suite by default), so the AWS Encryption SDKs and CLI
 * decrypt it: the official SDK makes the data key (KMS) and the header, {@link FramedMessageEncryptor} the frames
 * on every core. KMS generates the data key; its plaintext stays in memory.
 */
@Command(name = "encrypt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encrypts IN to OUT in the AWS Encryption SDK message format with a data key from KMS.",
                "IN or OUT '-' is standard input or output. OUT appears only when complete (a temp file in its"
                        + " directory is renamed over it)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the data cannot be encrypted (e.g. too many keys)", "2:usage",
                "3:credentials, KMS unreachable, key not found, disabled or not allowed", "4:file error"})
public final class EncryptCommand implements Callable<Integer> {
    /**
     * Plaintext bytes per frame. Chosen by measurement (docs/PERFORMANCE.md, "coffer encrypt / decrypt"):
     * throughput grows up to here and not after, and a decryptor holds one frame in memory.
     */
    static final int DEFAULT_FRAME_LENGTH = 64 * 1024;
    static final int MAX_FRAME_LENGTH = 16 << 20;

    private final AwsSettings settings;
    private final Stdio stdio;

    @Option(names = {"-k", "--key-id"}, required = true, paramLabel = "KEY",
            description = "KMS key: key id, key ARN, alias name (alias/x) or alias ARN. Repeatable: the first"
                    + " generates the data key, and any one of them can decrypt the message.")
    List<String> keyIds;

    @Mixin
    MessageOptions message;

    @Option(names = "--algorithm", paramLabel = "SUITE",
            description = "Algorithm suite. Default: ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384 (the"
                    + " AWS Encryption SDK's: key commitment and a signature); ..._COMMIT_KEY has no signature.")
    String algorithm;

    @Option(names = "--frame-length", paramLabel = "BYTES",
            description = "Plaintext bytes per frame (default: ${DEFAULT-VALUE}).")
    int frameLength = DEFAULT_FRAME_LENGTH;

    @Mixin
    CryptoSettings crypto;

    @Mixin
    KmsOptions kms;

    @Parameters(index = "0", paramLabel = "IN", description = "File to encrypt, or '-' for standard input.")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the message, or '-'.")
    String output;

    /** Reads the process's environment and ~/.aws, and uses the process's standard streams. */
    public EncryptCommand() {
        this(AwsSettings.system(), Stdio.system());
    }

    public EncryptCommand(AwsSettings settings, Stdio stdio) {
        this.settings = requireNonNull(settings, "settings");
        this.stdio = requireNonNull(stdio, "stdio");
    }

    @Override
    public Integer call() {
        JitWarmup.startForFrames(true);
        OffloadedSha384.install();
        return Failures.run("coffer encrypt", stdio.err(), this::encrypt);
    }

    private int encrypt() throws Exception {
        if (frameLength < 1 || frameLength > MAX_FRAME_LENGTH) {
            throw CliException.usage("--frame-length must be between 1 and " + MAX_FRAME_LENGTH);
        }
        Map<String, String> context = message.context();
        int maxKeys = message.maxEncryptedDataKeys();
        if (keyIds.size() > maxKeys) {
            throw CliException.usage(keyIds.size() + " --key-id given but --max-encrypted-data-keys is " + maxKeys);
        }
        CryptoAlgorithm suite = algorithm == null ? null : CryptoSettings.parseAlgorithm(algorithm);
        try (KmsClients clients = new KmsClients(kms.resolve(settings))) {
            clients.checkCredentials();
            Keyrings keyrings = new Keyrings(clients);
            IKeyring keyring = keyrings.forEncrypt(keyIds);
            FramedMessageEncryptor encryptor = new FramedMessageEncryptor(crypto.commitmentPolicy,
                    keyrings.materialsManager(keyring), suite,
                    maxKeys == MessageOptions.DEFAULT_MAX_ENCRYPTED_DATA_KEYS ? 0 : maxKeys, frameLength);
            try (Transfer.Input in = Transfer.open(input, stdio);
                    PendingOutput out = PendingOutput.open(output, stdio)) {
                Progress progress = Transfer.progress(stdio, message, "encrypting", in.size());
                try {
                    encryptor.encrypt(context, in.stream(), out.stream(), progress);
                } finally {
                    progress.finish();
                }
                out.commit();
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "EncryptCommand[" + input + " -> " + output + "]";
    }
}
