package dev.coffer.kms.symmetric;

import dev.coffer.crypto.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The requests and results of the symmetric operations. Plaintexts are {@link Secret}s: the caller that
 * receives one (the server adapter) closes it once written.
 */
public final class CryptoRequests {
    private CryptoRequests() {}

    public record Encrypt(String keyId, byte[] plaintext, Map<String, String> encryptionContext,
            Optional<String> encryptionAlgorithm, boolean dryRun) {
        public Encrypt {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(plaintext, "plaintext");
            encryptionContext = Map.copyOf(encryptionContext);
            Objects.requireNonNull(encryptionAlgorithm, "encryptionAlgorithm");
        }
    }

    /** @param keyArn the key's ARN, as AWS returns it in {@code KeyId} */
    public record Encrypted(byte[] ciphertextBlob, String keyArn, String encryptionAlgorithm) {}

    public record Decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext, Optional<String> keyId,
            Optional<String> encryptionAlgorithm, boolean dryRun) {
        public Decrypt {
            Objects.requireNonNull(ciphertextBlob, "ciphertextBlob");
            encryptionContext = Map.copyOf(encryptionContext);
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(encryptionAlgorithm, "encryptionAlgorithm");
        }
    }

    public record Decrypted(String keyArn, Secret plaintext, String encryptionAlgorithm, String keyMaterialId) {}

    public record ReEncrypt(byte[] ciphertextBlob, Map<String, String> sourceEncryptionContext,
            Optional<String> sourceKeyId, String destinationKeyId, Map<String, String> destinationEncryptionContext,
            Optional<String> sourceEncryptionAlgorithm, Optional<String> destinationEncryptionAlgorithm, boolean dryRun) {
        public ReEncrypt {
            Objects.requireNonNull(ciphertextBlob, "ciphertextBlob");
            sourceEncryptionContext = Map.copyOf(sourceEncryptionContext);
            Objects.requireNonNull(sourceKeyId, "sourceKeyId");
            Objects.requireNonNull(destinationKeyId, "destinationKeyId");
            destinationEncryptionContext = Map.copyOf(destinationEncryptionContext);
        }
    }

    public record ReEncrypted(byte[] ciphertextBlob, String sourceKeyArn, String keyArn,
            String sourceKeyMaterialId, String destinationKeyMaterialId) {}

    /** GenerateDataKey and GenerateDataKeyWithoutPlaintext: exactly one of keySpec and numberOfBytes. */
    public record GenerateDataKey(String keyId, Map<String, String> encryptionContext, Optional<Integer> numberOfBytes,
            Optional<String> keySpec, boolean dryRun) {
        public GenerateDataKey {
            Objects.requireNonNull(keyId, "keyId");
            encryptionContext = Map.copyOf(encryptionContext);
            Objects.requireNonNull(numberOfBytes, "numberOfBytes");
            Objects.requireNonNull(keySpec, "keySpec");
        }
    }

    /** @param plaintext empty for GenerateDataKeyWithoutPlaintext */
    public record DataKey(byte[] ciphertextBlob, Optional<Secret> plaintext, String keyArn, String keyMaterialId) {}
}
