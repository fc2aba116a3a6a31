package dev.coffer.kms.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.AsymmetricKeyPair;
import dev.coffer.crypto.asymmetric.AsymmetricKeySpec;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.asymmetric.AsymmetricRequests.DataKeyPair;
import dev.coffer.kms.asymmetric.AsymmetricRequests.GenerateDataKeyPair;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.symmetric.CryptoRequests.Encrypt;
import dev.coffer.kms.symmetric.CryptoRequests.Encrypted;
import dev.coffer.kms.symmetric.SymmetricCrypto;
import java.util.List;
import java.util.Optional;

/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a fresh key pair of the requested spec whose
 * PKCS#8 private key is encrypted under a symmetric KMS key exactly as Encrypt would (a normal ciphertext
 * blob, with the request's encryption context), so that Decrypt returns the private key later.
 */
public final class DataKeyPairs {
    /** The service model's DataKeyPairSpec. */
    static final List<String> SPECS = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384",
            "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2", "ECC_NIST_EDWARDS25519", "ML_KEM_512", "ML_KEM_768",
            "ML_KEM_1024");

    private final KeyUse use;
    private final SymmetricCrypto symmetric;

    public DataKeyPairs(KeyUse use, SymmetricCrypto symmetric) {
        this.use = use;
        this.symmetric = symmetric;
    }

    public DataKeyPair generate(Principal caller, GenerateDataKeyPair request, boolean withPlaintext) {
        String specName = KeyUse.requiredEnum("keyPairSpec", request.keyPairSpec(), SPECS);
        AsymmetricKeySpec spec = AsymmetricKeySpec.fromWireName(specName).orElseThrow(() -> new KmsException(
                KmsErrorCode.UNSUPPORTED_OPERATION, "KeyPairSpec SM2 is supported only in China Regions."));
        // The symmetric key's checks (state, usage, spec) come first, and DryRun stops before key generation.
        use.usable(caller, request.keyId(), "ENCRYPT_DECRYPT", withPlaintext ? "GenerateDataKeyPair"
                : "GenerateDataKeyPairWithoutPlaintext");
        if (request.dryRun()) {
            symmetric.encrypt(caller, new Encrypt(request.keyId(), new byte[] {0}, request.encryptionContext(),
                    Optional.empty(), true));
        }
        try (AsymmetricKeyPair pair = AsymmetricKeyPair.generateDataKeyPair(spec, use.ctx().random())) {
            Encrypted wrapped = symmetric.encrypt(caller, new Encrypt(request.keyId(),
                    pair.privateKeyPkcs8().revealBytes(), request.encryptionContext(), Optional.empty(), false));
            String materialId = use.resolver().resolve(caller, request.keyId()).current().materialId();
            Optional<Secret> plaintext = withPlaintext ? Optional.of(pair.privateKeyPkcs8().copy()) : Optional.empty();
            return new DataKeyPair(wrapped.ciphertextBlob(), plaintext, pair.publicKeyDer(), wrapped.keyArn(),
                    specName, materialId);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }
}
