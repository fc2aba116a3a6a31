package dev.coffer.kms.asymmetric;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.Ecdh;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.asymmetric.MlKem;
import dev.coffer.crypto.asymmetric.MlKemEncapsulation;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Decapsulate;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Decapsulated;
import dev.coffer.kms.asymmetric.AsymmetricRequests.DeriveSharedSecret;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Encapsulate;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Encapsulated;
import dev.coffer.kms.asymmetric.AsymmetricRequests.SharedSecret;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.key.KeySpecs;
import java.util.List;

/**
 * DeriveSharedSecret (ECDH with a KEY_AGREEMENT key and a peer's DER public key; the raw shared secret, as
 * AWS returns it) and Encapsulate / Decapsulate (ML-KEM with an ENCAPSULATE_DECAPSULATE key: Encapsulate
 * makes a fresh 32-byte secret and the ciphertext that carries it; Decapsulate recovers it).
 */
public final class SharedSecrets {
    static final List<String> KEY_AGREEMENT_ALGORITHMS = List.of("ECDH");
    static final List<String> ENCAPSULATION_ALGORITHMS = List.of("ML_KEM");
    /** The service model's PublicKeyType: 1–8,192 bytes. */
    public static final int MAX_PUBLIC_KEY = 8192;
    public static final int MAX_CIPHERTEXT = 8192;

    private final KeyUse use;

    public SharedSecrets(KeyUse use) {
        this.use = use;
    }

    public SharedSecret derive(Principal caller, DeriveSharedSecret request) {
        String algorithm = KeyUse.requiredEnum("keyAgreementAlgorithm", request.keyAgreementAlgorithm(),
                KEY_AGREEMENT_ALGORITHMS);
        KeyUse.checkLength("publicKey", request.publicKey(), 1, MAX_PUBLIC_KEY);
        LiveKey key = use.usable(caller, request.keyId(), "KEY_AGREEMENT", "DeriveSharedSecret");
        supported(key.meta(), KeySpecs.algorithms(key.meta().keySpec(), key.meta().keyUsage()).keyAgreement(),
                algorithm);
        KeyUse.dryRun(request.dryRun());
        try {
            Secret secret = Ecdh.deriveSharedSecret(KeyUse.keyPair(key).privateKey(), request.publicKey());
            use.used(key, "DeriveSharedSecret");
            return new SharedSecret(key.meta().arn(), secret, algorithm, key.meta().origin());
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    public Encapsulated encapsulate(Principal caller, Encapsulate request) {
        String algorithm = KeyUse.checkEnum("encapsulationAlgorithm",
                request.encapsulationAlgorithm().orElse("ML_KEM"), ENCAPSULATION_ALGORITHMS);
        LiveKey key = use.usable(caller, request.keyId(), "ENCAPSULATE_DECAPSULATE", "Encapsulate");
        supported(key.meta(), KeySpecs.algorithms(key.meta().keySpec(), key.meta().keyUsage()).encapsulation(),
                algorithm);
        KeyUse.dryRun(request.dryRun());
        try (MlKemEncapsulation e = MlKem.encapsulate(KeyUse.keyPair(key).publicKey(), use.ctx().random())) {
            use.used(key, "Encapsulate");
            return new Encapsulated(key.meta().arn(), e.sharedSecret().copy(), e.ciphertext(), algorithm);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    public Decapsulated decapsulate(Principal caller, Decapsulate request) {
        String algorithm = KeyUse.checkEnum("encapsulationAlgorithm",
                request.encapsulationAlgorithm().orElse("ML_KEM"), ENCAPSULATION_ALGORITHMS);
        KeyUse.checkLength("sharedSecretCiphertextBlob", request.ciphertext(), 1, MAX_CIPHERTEXT);
        LiveKey key = use.usable(caller, request.keyId(), "ENCAPSULATE_DECAPSULATE", "Decapsulate");
        supported(key.meta(), KeySpecs.algorithms(key.meta().keySpec(), key.meta().keyUsage()).encapsulation(),
                algorithm);
        KeyUse.dryRun(request.dryRun());
        try {
            Secret secret = MlKem.decapsulate(KeyUse.keyPair(key).privateKey(), request.ciphertext());
            use.used(key, "Decapsulate");
            return new Decapsulated(key.meta().arn(), secret, algorithm);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    private static void supported(KeyRecord k, List<String> allowed, String algorithm) {
        if (!allowed.contains(algorithm)) {
            throw new KmsException(KmsErrorCode.INVALID_KEY_USAGE, "Algorithm " + algorithm
                    + " is incompatible with key spec " + k.keySpec() + ".");
        }
    }
}
