package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.cryptography.materialproviders.ICryptographicMaterialsManager;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsDiscoveryKeyringInput;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.CreateDefaultCryptographicMaterialsManagerInput;
import software.amazon.cryptography.materialproviders.model.CreateMultiKeyringInput;
import software.amazon.cryptography.materialproviders.model.DiscoveryFilter;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * The AWS Encryption SDK keyrings the commands use, as the AWS Encryption CLI builds them: on encrypt the first
 * key generates the data key and every other key wraps it too (any one of them opens the message); on decrypt
 * either strict (only the given keys are asked) or discovery (whatever key the message names, optionally limited
 * to accounts in a partition).
 */
final class Keyrings {
    private final MaterialProviders materialProviders;
    private final KmsClients clients;

    Keyrings(KmsClients clients) {
        this.clients = requireNonNull(clients, "clients");
        this.materialProviders = MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
    }

    MaterialProviders materialProviders() {
        return materialProviders;
    }

    /** The SDK's default materials manager over {@code keyring}, as its decrypting stream makes one. */
    ICryptographicMaterialsManager materialsManager(IKeyring keyring) {
        return materialProviders.CreateDefaultCryptographicMaterialsManager(
                CreateDefaultCryptographicMaterialsManagerInput.builder().keyring(keyring).build());
    }

    /** Encrypt: the first key generates the data key, the others each encrypt a copy of it. */
    IKeyring forEncrypt(List<String> keyIds) {
        List<IKeyring> keyrings = keyIds.stream().map(this::kmsKeyring).toList();
        if (keyrings.size() == 1) {
            return keyrings.getFirst();
        }
        return materialProviders.CreateMultiKeyring(CreateMultiKeyringInput.builder()
                .generator(keyrings.getFirst()).childKeyrings(keyrings.subList(1, keyrings.size())).build());
    }

    /**
     * Strict decrypt: only these keys. A message records key ARNs, so a key id or alias is first resolved to
     * its key's ARN with {@code DescribeKey}.
     */
    IKeyring forStrictDecrypt(List<String> keyIds) {
        List<IKeyring> keyrings = new ArrayList<>();
        for (String keyId : keyIds) {
            keyrings.add(kmsKeyring(isArn(keyId) && !keyId.contains(":alias/") ? keyId : describeArn(keyId)));
        }
        if (keyrings.size() == 1) {
            return keyrings.getFirst();
        }
        return materialProviders.CreateMultiKeyring(CreateMultiKeyringInput.builder().childKeyrings(keyrings).build());
    }

    /** Discovery decrypt: any key the message names, limited to {@code accounts} in {@code partition} if given. */
    IKeyring forDiscovery(List<String> accounts, Optional<String> partition) {
        var input = CreateAwsKmsDiscoveryKeyringInput.builder().kmsClient(clients.forDefaultRegion());
        if (!accounts.isEmpty()) {
            input.discoveryFilter(DiscoveryFilter.builder().accountIds(accounts)
                    .partition(partition.orElse("aws")).build());
        }
        return materialProviders.CreateAwsKmsDiscoveryKeyring(input.build());
    }

    private IKeyring kmsKeyring(String keyId) {
        return materialProviders.CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder()
                .kmsKeyId(keyId).kmsClient(clients.forKey(keyId)).build());
    }

    private String describeArn(String keyId) {
        DescribeKeyResponse response = clients.forKey(keyId).describeKey(b -> b.keyId(keyId));
        return response.keyMetadata().arn();
    }

    static boolean isArn(String keyId) {
        return keyId.startsWith("arn:") && keyId.split(":", 6).length == 6;
    }

    /** {@code arn:partition:kms:REGION:account:key/id}. */
    static String arnRegion(String arn) {
        return arn.split(":", 6)[3];
    }

    @Override
    public String toString() {
        return "Keyrings[" + clients + "]";
    }
}
