package dev.coffer.kms.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.kms.key.KeySpecs;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The requests and results of the asymmetric operations. Results holding a {@link Secret} (a data key pair's
 * private key, a shared secret) belong to the caller, which closes them once written.
 */
public final class AsymmetricRequests {
    private AsymmetricRequests() {}

    /** GetPublicKey: the DER SubjectPublicKeyInfo and what the key may do. */
    public record PublicKey(String keyArn, byte[] publicKey, String keySpec, String keyUsage,
            KeySpecs.Algorithms algorithms) {}

    /** Sign. {@code messageType} absent means RAW. */
    public record Sign(String keyId, byte[] message, Optional<String> messageType, Optional<String> signingAlgorithm,
            boolean dryRun) {
        public Sign {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
        }
    }

    public record Signed(String keyArn, byte[] signature, String signingAlgorithm) {}

    public record Verify(String keyId, byte[] message, Optional<String> messageType, byte[] signature,
            Optional<String> signingAlgorithm, boolean dryRun) {
        public Verify {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
        }
    }

    /** A signature that verified (one that does not is KMSInvalidSignatureException). */
    public record Verified(String keyArn, String signingAlgorithm) {}

    /** GenerateDataKeyPair[WithoutPlaintext]: the pair's private key is encrypted under the symmetric key. */
    public record GenerateDataKeyPair(String keyId, Map<String, String> encryptionContext,
            Optional<String> keyPairSpec, boolean dryRun) {
        public GenerateDataKeyPair {
            Objects.requireNonNull(keyId, "keyId");
            encryptionContext = Map.copyOf(encryptionContext);
            Objects.requireNonNull(keyPairSpec, "keyPairSpec");
        }
    }

    /** @param privateKeyPlaintext PKCS#8; empty for GenerateDataKeyPairWithoutPlaintext */
    public record DataKeyPair(byte[] privateKeyCiphertextBlob, Optional<Secret> privateKeyPlaintext, byte[] publicKey,
            String keyArn, String keyPairSpec, String keyMaterialId) {}

    public record DeriveSharedSecret(String keyId, Optional<String> keyAgreementAlgorithm, byte[] publicKey,
            boolean dryRun) {
        public DeriveSharedSecret {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(keyAgreementAlgorithm, "keyAgreementAlgorithm");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    public record SharedSecret(String keyArn, Secret sharedSecret, String keyAgreementAlgorithm, String keyOrigin) {}

    public record Encapsulate(String keyId, Optional<String> encapsulationAlgorithm, boolean dryRun) {
        public Encapsulate {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(encapsulationAlgorithm, "encapsulationAlgorithm");
        }
    }

    public record Encapsulated(String keyArn, Secret sharedSecret, byte[] ciphertext, String encapsulationAlgorithm) {}

    public record Decapsulate(String keyId, byte[] ciphertext, Optional<String> encapsulationAlgorithm,
            boolean dryRun) {
        public Decapsulate {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(ciphertext, "ciphertext");
            Objects.requireNonNull(encapsulationAlgorithm, "encapsulationAlgorithm");
        }
    }

    public record Decapsulated(String keyArn, Secret sharedSecret, String encapsulationAlgorithm) {}
}
