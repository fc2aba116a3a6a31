package dev.coffer.cli;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import software.amazon.cryptography.materialproviders.MaterialProviders;

/** The AWS Encryption SDK settings both commands share: commitment policy and the data-key limit. */
public final class CryptoSettings {
    @Option(names = "--commitment-policy", paramLabel = "POLICY", converter = PolicyConverter.class,
            description = "require-encrypt-require-decrypt (default: key-committing suites only),"
                    + " require-encrypt-allow-decrypt (also decrypt messages of older SDKs), or"
                    + " forbid-encrypt-allow-decrypt.")
    CommitmentPolicy commitmentPolicy = CommitmentPolicy.RequireEncryptRequireDecrypt;

    AwsCrypto.Builder builder(MaterialProviders materialProviders, int maxEncryptedDataKeys) {
        AwsCrypto.Builder builder = AwsCrypto.builder().withCommitmentPolicy(commitmentPolicy)
                .withMaterialProviders(materialProviders);
        if (maxEncryptedDataKeys != MessageOptions.DEFAULT_MAX_ENCRYPTED_DATA_KEYS) {
            builder.withMaxEncryptedDataKeys(maxEncryptedDataKeys);
        }
        return builder;
    }

    static CryptoAlgorithm parseAlgorithm(String name) {
        try {
            return CryptoAlgorithm.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("unknown --algorithm " + name + "; for example "
                    + CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384 + " (the default) or "
                    + CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY);
        }
    }

    @Override
    public String toString() {
        return "CryptoSettings[" + commitmentPolicy + "]";
    }

    static final class PolicyConverter implements ITypeConverter<CommitmentPolicy> {
        @Override
        public CommitmentPolicy convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "require-encrypt-require-decrypt" -> CommitmentPolicy.RequireEncryptRequireDecrypt;
                case "require-encrypt-allow-decrypt" -> CommitmentPolicy.RequireEncryptAllowDecrypt;
                case "forbid-encrypt-allow-decrypt" -> CommitmentPolicy.ForbidEncryptAllowDecrypt;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected require-encrypt-require-decrypt, require-encrypt-allow-decrypt or"
                                + " forbid-encrypt-allow-decrypt, not " + value);
            };
        }
    }
}
