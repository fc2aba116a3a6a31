package dev.coffer.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options about the message and the run that both commands share. */
public final class MessageOptions {
    /** The AWS Encryption SDK's own default, and the AWS Encryption CLI's. */
    static final int DEFAULT_MAX_ENCRYPTED_DATA_KEYS = Integer.MAX_VALUE;

    @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
            description = "Encryption context pair (repeatable). On encrypt it is bound to the message; on decrypt"
                    + " every pair given must be in the message's context with the same value.")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--max-encrypted-data-keys", paramLabel = "N",
            description = "Refuse to write (encrypt) or read (decrypt) a message with more than N encrypted data"
                    + " keys. Default: no limit.")
    Integer maxEncryptedDataKeys;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (there is one only when stderr is a terminal).")
    boolean quiet;

    Map<String, String> context() {
        for (String key : context.keySet()) {
            if (key.startsWith("aws-crypto-")) {
                throw CliException.usage("--context keys starting with 'aws-crypto-' are reserved by the"
                        + " AWS Encryption SDK: " + key);
            }
            if (key.isEmpty()) {
                throw CliException.usage("--context needs KEY=VALUE with a non-empty KEY");
            }
        }
        return Map.copyOf(context);
    }

    int maxEncryptedDataKeys() {
        if (maxEncryptedDataKeys == null) {
            return DEFAULT_MAX_ENCRYPTED_DATA_KEYS;
        }
        if (maxEncryptedDataKeys < 1) {
            throw CliException.usage("--max-encrypted-data-keys must be at least 1");
        }
        return maxEncryptedDataKeys;
    }

    @Override
    public String toString() {
        return "MessageOptions[context keys " + context.keySet() + ", max " + maxEncryptedDataKeys + "]";
    }
}
