package dev.coffer.server.kms;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.asymmetric.AsymmetricRequests;
import dev.coffer.kms.key.KeySpecs;
import java.io.IOException;
import java.util.List;

/**
 * GetPublicKey, Sign, Verify, GenerateDataKeyPair[WithoutPlaintext], DeriveSharedSecret, Encapsulate and
 * Decapsulate, plus GenerateMac and VerifyMac: JSON ↔ domain records. (Asymmetric Encrypt/Decrypt/ReEncrypt
 * share {@link CryptoHandlers}; the domain routes them by algorithm.)
 */
final class AsymmetricHandlers {
    private final KmsService kms;

    AsymmetricHandlers(KmsService kms) {
        this.kms = kms;
    }

    /** The algorithm lists of DescribeKey and GetPublicKey, each only when non-empty, as AWS sends them. */
    static void algorithms(JsonOut out, KeySpecs.Algorithms a) throws IOException {
        list(out, "EncryptionAlgorithms", a.encryption());
        list(out, "SigningAlgorithms", a.signing());
        list(out, "KeyAgreementAlgorithms", a.keyAgreement());
        list(out, "MacAlgorithms", a.mac());
        list(out, "EncapsulationAlgorithms", a.encapsulation());
    }

    private static void list(JsonOut out, String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            out.g.writeArrayFieldStart(name);
            for (String v : values) {
                out.g.writeString(v);
            }
            out.g.writeEndArray();
        }
    }

    byte[] getPublicKey(Principal caller, KmsJson in) throws IOException {
        AsymmetricRequests.PublicKey r = kms.getPublicKey(caller, in.requiredString("KeyId"));
        try (JsonOut out = new JsonOut()) {
            out.str("KeyId", r.keyArn()).blob("PublicKey", r.publicKey()).str("CustomerMasterKeySpec", r.keySpec())
                    .str("KeySpec", r.keySpec()).str("KeyUsage", r.keyUsage());
            algorithms(out, r.algorithms());
            return out.bytes();
        }
    }

    byte[] sign(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] message = in.requiredBlob("Message");
        AsymmetricRequests.Signed r = kms.sign(caller, new AsymmetricRequests.Sign(keyId, message,
                in.string("MessageType"), in.string("SigningAlgorithm"), in.bool("DryRun")));
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).blob("Signature", r.signature())
                    .str("SigningAlgorithm", r.signingAlgorithm()).bytes();
        }
    }

    byte[] verify(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] message = in.requiredBlob("Message");
        byte[] signature = in.requiredBlob("Signature");
        AsymmetricRequests.Verified r = kms.verify(caller, new AsymmetricRequests.Verify(keyId, message,
                in.string("MessageType"), signature, in.string("SigningAlgorithm"), in.bool("DryRun")));
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).bool("SignatureValid", true)
                    .str("SigningAlgorithm", r.signingAlgorithm()).bytes();
        }
    }

    byte[] generateDataKeyPair(Principal caller, KmsJson in, boolean withPlaintext) throws IOException {
        noRecipient(in);
        String keyId = in.requiredString("KeyId");
        AsymmetricRequests.GenerateDataKeyPair request = new AsymmetricRequests.GenerateDataKeyPair(keyId,
                in.stringMap("EncryptionContext"), in.string("KeyPairSpec"), in.bool("DryRun"));
        AsymmetricRequests.DataKeyPair r = withPlaintext ? kms.generateDataKeyPair(caller, request)
                : kms.generateDataKeyPairWithoutPlaintext(caller, request);
        try (JsonOut out = new JsonOut()) {
            out.blob("PrivateKeyCiphertextBlob", r.privateKeyCiphertextBlob());
            if (r.privateKeyPlaintext().isPresent()) {
                try (Secret plaintext = r.privateKeyPlaintext().get()) {
                    out.blob("PrivateKeyPlaintext", plaintext.revealBytes());
                }
            }
            return out.blob("PublicKey", r.publicKey()).str("KeyId", r.keyArn()).str("KeyPairSpec", r.keyPairSpec())
                    .str("KeyMaterialId", r.keyMaterialId()).bytes();
        }
    }

    byte[] deriveSharedSecret(Principal caller, KmsJson in) throws IOException {
        noRecipient(in);
        String keyId = in.requiredString("KeyId");
        byte[] publicKey = in.requiredBlob("PublicKey");
        AsymmetricRequests.SharedSecret r = kms.deriveSharedSecret(caller, new AsymmetricRequests.DeriveSharedSecret(
                keyId, in.string("KeyAgreementAlgorithm"), publicKey, in.bool("DryRun")));
        try (Secret secret = r.sharedSecret(); JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).blob("SharedSecret", secret.revealBytes())
                    .str("KeyAgreementAlgorithm", r.keyAgreementAlgorithm()).str("KeyOrigin", r.keyOrigin()).bytes();
        }
    }

    byte[] encapsulate(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        AsymmetricRequests.Encapsulated r = kms.encapsulate(caller, new AsymmetricRequests.Encapsulate(keyId,
                in.string("EncapsulationAlgorithm"), in.bool("DryRun")));
        try (Secret secret = r.sharedSecret(); JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).blob("SharedSecret", secret.revealBytes())
                    .blob("SharedSecretCiphertextBlob", r.ciphertext())
                    .str("EncapsulationAlgorithm", r.encapsulationAlgorithm()).bytes();
        }
    }

    byte[] decapsulate(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] ciphertext = in.requiredBlob("SharedSecretCiphertextBlob");
        AsymmetricRequests.Decapsulated r = kms.decapsulate(caller, new AsymmetricRequests.Decapsulate(keyId,
                ciphertext, in.string("EncapsulationAlgorithm"), in.bool("DryRun")));
        try (Secret secret = r.sharedSecret(); JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).blob("SharedSecret", secret.revealBytes())
                    .str("EncapsulationAlgorithm", r.encapsulationAlgorithm()).bytes();
        }
    }

    byte[] generateMac(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] message = in.requiredBlob("Message");
        dev.coffer.kms.mac.Macs.Mac r = kms.generateMac(caller, new dev.coffer.kms.mac.Macs.GenerateMac(keyId, message,
                in.string("MacAlgorithm"), in.bool("DryRun")));
        try (JsonOut out = new JsonOut()) {
            return out.blob("Mac", r.mac()).str("MacAlgorithm", r.macAlgorithm()).str("KeyId", r.keyArn()).bytes();
        }
    }

    byte[] verifyMac(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] message = in.requiredBlob("Message");
        byte[] mac = in.requiredBlob("Mac");
        dev.coffer.kms.mac.Macs.MacVerified r = kms.verifyMac(caller, new dev.coffer.kms.mac.Macs.VerifyMac(keyId,
                message, mac, in.string("MacAlgorithm"), in.bool("DryRun")));
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).bool("MacValid", true).str("MacAlgorithm", r.macAlgorithm()).bytes();
        }
    }

    /** Nitro Enclaves attestation (Recipient) needs an enclave; no server here can check one. */
    private static void noRecipient(KmsJson in) {
        if (in.has("Recipient")) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION,
                    "Recipient (Nitro Enclaves attestation) is not supported by this server.");
        }
    }
}
