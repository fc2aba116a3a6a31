package dev.coffer.kms.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.AsymmetricEncryptionAlgorithm;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.asymmetric.RsaOaep;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.KeyVersion;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.key.KeySpecs;
import dev.coffer.kms.symmetric.CryptoRequests.Decrypt;
import dev.coffer.kms.symmetric.CryptoRequests.Decrypted;
import dev.coffer.kms.symmetric.CryptoRequests.Encrypt;
import dev.coffer.kms.symmetric.CryptoRequests.Encrypted;
import dev.coffer.kms.symmetric.CryptoRequests.ReEncrypt;
import dev.coffer.kms.symmetric.CryptoRequests.ReEncrypted;
import dev.coffer.kms.symmetric.SymmetricCrypto;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypt, Decrypt and ReEncrypt with RSA keys (RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256). The ciphertext is
 * the bare RSA-OAEP ciphertext, as on AWS, so it names no key: Decrypt needs the KeyId and the algorithm. No
 * encryption context (AWS binds none to asymmetric ciphertexts). The plaintext limit is the key's OAEP limit
 * (RSA_2048: 214 bytes with SHA-1, 190 with SHA-256). ReEncrypt handles every pairing in which one side is
 * asymmetric; symmetric sides go through {@link SymmetricCrypto}.
 */
public final class RsaEncryption {
    /** The service model's EncryptionAlgorithmSpec. */
    static final List<String> ALGORITHMS = List.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256",
            "SM2PKE");

    private final KeyUse use;
    private final SymmetricCrypto symmetric;

    public RsaEncryption(KeyUse use, SymmetricCrypto symmetric) {
        this.use = use;
        this.symmetric = symmetric;
    }

    /** Whether a request names an asymmetric algorithm: the symmetric hot path is everything else. */
    public static boolean isAsymmetric(Optional<String> encryptionAlgorithm) {
        return encryptionAlgorithm.isPresent() && !encryptionAlgorithm.get().equals(SymmetricCrypto.ALGORITHM);
    }

    public Encrypted encrypt(Principal caller, Encrypt request) {
        KeyUse.checkLength("plaintext", request.plaintext(), 1, SymmetricCrypto.MAX_PLAINTEXT);
        String algorithm = KeyUse.checkEnum("encryptionAlgorithm", request.encryptionAlgorithm().orElseThrow(),
                ALGORITHMS);
        LiveKey key = use.usable(caller, request.keyId(), "ENCRYPT_DECRYPT", "Encrypt");
        AsymmetricEncryptionAlgorithm alg = supported(key.meta(), algorithm);
        noContext(request.encryptionContext());
        KeyUse.dryRun(request.dryRun());
        byte[] ciphertext = encrypt(key, alg, request.plaintext());
        use.used(key, "Encrypt");
        return new Encrypted(ciphertext, key.meta().arn(), algorithm);
    }

    public Decrypted decrypt(Principal caller, Decrypt request) {
        KeyUse.checkLength("ciphertextBlob", request.ciphertextBlob(), 1, SymmetricCrypto.MAX_CIPHERTEXT);
        String algorithm = KeyUse.checkEnum("encryptionAlgorithm", request.encryptionAlgorithm().orElseThrow(),
                ALGORITHMS);
        String keyRef = request.keyId().orElseThrow(() -> KmsException.validation(
                "KeyId is required when decrypting with an asymmetric encryption algorithm."));
        LiveKey key = use.usable(caller, keyRef, "ENCRYPT_DECRYPT", "Decrypt");
        AsymmetricEncryptionAlgorithm alg = supported(key.meta(), algorithm);
        noContext(request.encryptionContext());
        KeyVersion version = key.current();
        byte[] plaintext;
        try {
            plaintext = RsaOaep.decrypt(KeyUse.keyPair(key).privateKey(), alg, request.ciphertextBlob());
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
        if (request.dryRun()) {
            java.util.Arrays.fill(plaintext, (byte) 0);
            KeyUse.dryRun(true);
        }
        use.used(key, "Decrypt");
        return new Decrypted(key.meta().arn(), Secret.wrap(plaintext), algorithm, version.materialId());
    }

    /** ReEncrypt where the source or the destination algorithm is asymmetric. */
    public ReEncrypted reEncrypt(Principal caller, ReEncrypt request) {
        Decrypted source = isAsymmetric(request.sourceEncryptionAlgorithm())
                ? decrypt(caller, new Decrypt(request.ciphertextBlob(), request.sourceEncryptionContext(),
                        request.sourceKeyId(), request.sourceEncryptionAlgorithm(), false))
                : symmetric.decrypt(caller, new Decrypt(request.ciphertextBlob(), request.sourceEncryptionContext(),
                        request.sourceKeyId(), request.sourceEncryptionAlgorithm(), false));
        try (Secret plaintext = source.plaintext()) {
            Encrypt encrypt = new Encrypt(request.destinationKeyId(), plaintext.revealBytes(),
                    request.destinationEncryptionContext(), request.destinationEncryptionAlgorithm(), request.dryRun());
            Encrypted destination = isAsymmetric(request.destinationEncryptionAlgorithm())
                    ? encrypt(caller, encrypt) : symmetric.encrypt(caller, encrypt);
            LiveKey destinationKey = use.resolver().resolve(caller, request.destinationKeyId());
            return new ReEncrypted(destination.ciphertextBlob(), source.keyArn(), destination.keyArn(),
                    source.keyMaterialId(), destinationKey.current().materialId());
        }
    }

    private byte[] encrypt(LiveKey key, AsymmetricEncryptionAlgorithm alg, byte[] plaintext) {
        try {
            return RsaOaep.encrypt(KeyUse.keyPair(key).publicKey(), alg, plaintext, use.ctx().random());
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    private static AsymmetricEncryptionAlgorithm supported(KeyRecord k, String algorithm) {
        if (!KeySpecs.algorithms(k.keySpec(), k.keyUsage()).encryption().contains(algorithm)) {
            throw new KmsException(KmsErrorCode.INVALID_KEY_USAGE, "Algorithm " + algorithm
                    + " is incompatible with key spec " + k.keySpec() + ".");
        }
        return AsymmetricEncryptionAlgorithm.fromWireName(algorithm).orElseThrow();
    }

    private static void noContext(Map<String, String> context) {
        if (!context.isEmpty()) {
            throw KmsException.validation("EncryptionContext is not supported with asymmetric KMS keys.");
        }
    }
}
