package dev.coffer.kms.symmetric;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import dev.coffer.crypto.kms.SymmetricBlob;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyVersion;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.symmetric.CryptoRequests.Decrypt;
import dev.coffer.kms.symmetric.CryptoRequests.Decrypted;
import dev.coffer.kms.symmetric.CryptoRequests.Encrypt;
import dev.coffer.kms.symmetric.CryptoRequests.Encrypted;
import dev.coffer.kms.symmetric.CryptoRequests.ReEncrypt;
import dev.coffer.kms.symmetric.CryptoRequests.ReEncrypted;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypt, Decrypt and ReEncrypt with symmetric keys, on the hot path: keys and material come from memory
 * ({@link dev.coffer.kms.internal.KeyRegistry}), never from the database. The blob format is {@link
 * SymmetricBlob}; new ciphertexts use the key's newest version, and every older version still decrypts.
 */
public final class SymmetricCrypto {
    public static final String ALGORITHM = "SYMMETRIC_DEFAULT";
    public static final int MAX_PLAINTEXT = 4096;
    public static final int MAX_CIPHERTEXT = 6144;

    private final KmsContext ctx;
    private final KeyResolver resolver;

    public SymmetricCrypto(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    public Encrypted encrypt(Principal caller, Encrypt request) {
        int n = request.plaintext().length;
        if (n < 1) {
            throw KmsException.validation("plaintext", null, "Member must have length greater than or equal to 1");
        }
        if (n > MAX_PLAINTEXT) {
            throw KmsException.validation("plaintext", null, "Member must have length less than or equal to "
                    + MAX_PLAINTEXT);
        }
        LiveKey key = usableForEncryption(caller, request.keyId());
        checkAlgorithm(key.meta(), request.encryptionAlgorithm());
        dryRun(request.dryRun());
        byte[] blob = seal(key, request.encryptionContext(), request.plaintext());
        used(key, "Encrypt");
        return new Encrypted(blob, key.meta().arn(), ALGORITHM);
    }

    public Decrypted decrypt(Principal caller, Decrypt request) {
        Opened opened = open(caller, request.ciphertextBlob(), request.keyId(), request.encryptionContext(),
                request.encryptionAlgorithm());
        if (request.dryRun()) {
            opened.plaintext().close();
            dryRun(true);
        }
        used(opened.key(), "Decrypt");
        return new Decrypted(opened.key().meta().arn(), opened.plaintext(), ALGORITHM, opened.version().materialId());
    }

    public ReEncrypted reEncrypt(Principal caller, ReEncrypt request) {
        LiveKey destination = usableForEncryption(caller, request.destinationKeyId());
        checkAlgorithm(destination.meta(), request.destinationEncryptionAlgorithm());
        Opened source = open(caller, request.ciphertextBlob(), request.sourceKeyId(), request.sourceEncryptionContext(),
                request.sourceEncryptionAlgorithm());
        try (Secret plaintext = source.plaintext()) {
            dryRun(request.dryRun());
            byte[] blob = seal(destination, request.destinationEncryptionContext(), plaintext.revealBytes());
            used(source.key(), "ReEncrypt");
            used(destination, "ReEncrypt");
            return new ReEncrypted(blob, source.key().meta().arn(), destination.meta().arn(),
                    source.version().materialId(), destination.current().materialId());
        }
    }

    /** A key that can encrypt now: enabled, symmetric, for ENCRYPT_DECRYPT. */
    LiveKey usableForEncryption(Principal caller, String keyRef) {
        LiveKey key = resolver.resolve(caller, keyRef);
        KeyResolver.requireUsable(key.meta());
        requireSymmetric(key.meta());
        return key;
    }

    byte[] seal(LiveKey key, Map<String, String> context, byte[] plaintext) {
        KeyVersion v = key.current();
        return SymmetricBlob.seal(ctx.random(), java.util.UUID.fromString(key.meta().keyId()), v.version(),
                key.meta().arn(), v.material(), context, plaintext);
    }

    void used(LiveKey key, String operation) {
        ctx.registry().recordUse(key.meta().keyId(), operation, ctx.now(), null);
    }

    static void dryRun(boolean dryRun) {
        if (dryRun) {
            throw new KmsException(KmsErrorCode.DRY_RUN_OPERATION);
        }
    }

    private record Opened(LiveKey key, KeyVersion version, Secret plaintext) {}

    private Opened open(Principal caller, byte[] blob, Optional<String> keyRef, Map<String, String> context,
            Optional<String> algorithm) {
        if (blob.length < 1) {
            throw KmsException.validation("ciphertextBlob", null, "Member must have length greater than or equal to 1");
        }
        if (blob.length > MAX_CIPHERTEXT) {
            throw KmsException.validation("ciphertextBlob", null, "Member must have length less than or equal to "
                    + MAX_CIPHERTEXT);
        }
        SymmetricBlob.Header header;
        try {
            header = SymmetricBlob.peek(blob);
        } catch (CryptoException e) {
            throw invalidCiphertext();
        }
        String blobKeyId = header.keyId().toString();
        if (keyRef.isPresent()) {
            LiveKey named = resolver.resolve(caller, keyRef.get());
            if (!named.meta().keyId().equals(blobKeyId)) {
                throw new KmsException(KmsErrorCode.INCORRECT_KEY);
            }
        }
        LiveKey key = ctx.registry().get(blobKeyId)
                .filter(k -> k.meta().accountId().equals(caller.accountId()))
                .orElseThrow(() -> new KmsException(KmsErrorCode.ACCESS_DENIED, "The ciphertext refers to a customer"
                        + " master key that does not exist, does not exist in this region, or you are not allowed to"
                        + " access."));
        KeyResolver.requireUsable(key.meta());
        requireSymmetric(key.meta());
        checkAlgorithm(key.meta(), algorithm);
        KeyVersion version = key.version(header.keyVersion());
        if (version == null) {
            throw invalidCiphertext();
        }
        try {
            byte[] plaintext = SymmetricBlob.open(blob, key.meta().arn(), version.material(), context);
            return new Opened(key, version, Secret.wrap(plaintext));
        } catch (CryptoException e) {
            throw invalidCiphertext();
        } catch (IllegalStateException destroyedMeanwhile) {
            throw KeyResolver.keyNotFound(key.meta().arn());
        }
    }

    private static KmsException invalidCiphertext() {
        return new KmsException(KmsErrorCode.INVALID_CIPHERTEXT, null);
    }

    private static void requireSymmetric(KeyRecord k) {
        if (!k.keySpec().equals("SYMMETRIC_DEFAULT") || !k.keyUsage().equals("ENCRYPT_DECRYPT")) {
            throw new KmsException(KmsErrorCode.INVALID_KEY_USAGE, "You cannot use this operation with KMS key "
                    + k.arn() + " because its KeyUsage is " + k.keyUsage() + ".");
        }
    }

    private static void checkAlgorithm(KeyRecord k, Optional<String> algorithm) {
        if (algorithm.isPresent() && !algorithm.get().equals(ALGORITHM)) {
            if (!Arrays.asList("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE").contains(algorithm.get())) {
                throw KmsException.validation("encryptionAlgorithm", algorithm.get(), "Member must satisfy enum value"
                        + " set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]");
            }
            throw new KmsException(KmsErrorCode.INVALID_KEY_USAGE, "The encryption algorithm " + algorithm.get()
                    + " is not compatible with KMS key " + k.arn() + ".");
        }
    }
}
