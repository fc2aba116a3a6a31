package dev.coffer.server.kms;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.symmetric.CryptoRequests;
import java.io.IOException;
import java.util.Optional;

/** Encrypt, Decrypt, ReEncrypt, GenerateDataKey[WithoutPlaintext], GenerateRandom: JSON ↔ domain records. */
final class CryptoHandlers {
    private final KmsService kms;

    CryptoHandlers(KmsService kms) {
        this.kms = kms;
    }

    byte[] encrypt(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        byte[] plaintext = in.requiredBlob("Plaintext");
        CryptoRequests.Encrypted r = kms.encrypt(caller, new CryptoRequests.Encrypt(keyId, plaintext,
                in.stringMap("EncryptionContext"), in.string("EncryptionAlgorithm"), in.bool("DryRun")));
        java.util.Arrays.fill(plaintext, (byte) 0);
        try (JsonOut out = new JsonOut()) {
            return out.blob("CiphertextBlob", r.ciphertextBlob()).str("KeyId", r.keyArn())
                    .str("EncryptionAlgorithm", r.encryptionAlgorithm()).bytes();
        }
    }

    byte[] decrypt(Principal caller, KmsJson in) throws IOException {
        byte[] blob = in.requiredBlob("CiphertextBlob");
        CryptoRequests.Decrypted r = kms.decrypt(caller, new CryptoRequests.Decrypt(blob,
                in.stringMap("EncryptionContext"), in.string("KeyId"), in.string("EncryptionAlgorithm"),
                in.bool("DryRun")));
        try (Secret plaintext = r.plaintext(); JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).blob("Plaintext", plaintext.revealBytes())
                    .str("EncryptionAlgorithm", r.encryptionAlgorithm()).str("KeyMaterialId", r.keyMaterialId()).bytes();
        }
    }

    byte[] reEncrypt(Principal caller, KmsJson in) throws IOException {
        byte[] blob = in.requiredBlob("CiphertextBlob");
        String destination = in.requiredString("DestinationKeyId");
        CryptoRequests.ReEncrypted r = kms.reEncrypt(caller, new CryptoRequests.ReEncrypt(blob,
                in.stringMap("SourceEncryptionContext"), in.string("SourceKeyId"), destination,
                in.stringMap("DestinationEncryptionContext"), in.string("SourceEncryptionAlgorithm"),
                in.string("DestinationEncryptionAlgorithm"), in.bool("DryRun")));
        try (JsonOut out = new JsonOut()) {
            return out.blob("CiphertextBlob", r.ciphertextBlob()).str("SourceKeyId", r.sourceKeyArn())
                    .str("KeyId", r.keyArn())
                    .str("SourceEncryptionAlgorithm", in.string("SourceEncryptionAlgorithm").orElse("SYMMETRIC_DEFAULT"))
                    .str("DestinationEncryptionAlgorithm",
                            in.string("DestinationEncryptionAlgorithm").orElse("SYMMETRIC_DEFAULT"))
                    .str("SourceKeyMaterialId", r.sourceKeyMaterialId())
                    .str("DestinationKeyMaterialId", r.destinationKeyMaterialId()).bytes();
        }
    }

    byte[] generateDataKey(Principal caller, KmsJson in, boolean withPlaintext) throws IOException {
        String keyId = in.requiredString("KeyId");
        CryptoRequests.GenerateDataKey request = new CryptoRequests.GenerateDataKey(keyId,
                in.stringMap("EncryptionContext"), in.integer("NumberOfBytes"), in.string("KeySpec"), in.bool("DryRun"));
        CryptoRequests.DataKey r = withPlaintext ? kms.generateDataKey(caller, request)
                : kms.generateDataKeyWithoutPlaintext(caller, request);
        try (JsonOut out = new JsonOut()) {
            out.blob("CiphertextBlob", r.ciphertextBlob());
            if (r.plaintext().isPresent()) {
                try (Secret plaintext = r.plaintext().get()) {
                    out.blob("Plaintext", plaintext.revealBytes());
                }
            }
            return out.str("KeyId", r.keyArn()).str("KeyMaterialId", r.keyMaterialId()).bytes();
        }
    }

    byte[] generateRandom(Principal caller, KmsJson in) throws IOException {
        if (in.string("CustomKeyStoreId").isPresent()) {
            throw new KmsException(dev.coffer.kms.KmsErrorCode.UNSUPPORTED_OPERATION,
                    "Custom key stores are not supported by this server.");
        }
        Optional<Integer> n = in.integer("NumberOfBytes");
        try (Secret random = kms.generateRandom(caller, n); JsonOut out = new JsonOut()) {
            return out.blob("Plaintext", random.revealBytes()).bytes();
        }
    }
}
