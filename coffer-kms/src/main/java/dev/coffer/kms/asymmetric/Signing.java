package dev.coffer.kms.asymmetric;

import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.asymmetric.MessageType;
import dev.coffer.crypto.asymmetric.Signatures;
import dev.coffer.crypto.asymmetric.SigningAlgorithm;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.asymmetric.AsymmetricRequests.PublicKey;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Sign;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Signed;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Verified;
import dev.coffer.kms.asymmetric.AsymmetricRequests.Verify;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.KeyVersion.KeyPair;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.key.KeySpecs;
import java.util.List;
import java.util.Optional;

/**
 * GetPublicKey, Sign and Verify. The key pair is parsed once when the key is loaded; every algorithm and
 * message type and their size rules are {@link Signatures}' (RAW 1–4,096 bytes, DIGEST the hash's length,
 * EXTERNAL_MU 64 bytes for ML-DSA). A signature that does not verify is KMSInvalidSignatureException.
 */
public final class Signing {
    /** The service model's SigningAlgorithmSpec (SM2DSA is a valid value that no key here supports). */
    static final List<String> ALGORITHMS = List.of("RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
            "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256",
            "ECDSA_SHA_384", "ECDSA_SHA_512", "SM2DSA", "ML_DSA_SHAKE_256", "ED25519_SHA_512", "ED25519_PH_SHA_512");
    static final List<String> MESSAGE_TYPES = List.of("RAW", "DIGEST", "EXTERNAL_MU");
    public static final int MAX_MESSAGE = 4096;
    public static final int MAX_SIGNATURE = 6144;

    private final KeyUse use;

    public Signing(KeyUse use) {
        this.use = use;
    }

    public PublicKey publicKey(Principal caller, String keyRef) {
        LiveKey key = use.resolver().resolve(caller, keyRef);
        KeyRecord k = key.meta();
        KeyResolver.requireUsable(k);
        if (!KeySpecs.isAsymmetric(k.keySpec())) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, k.arn() + " is not an asymmetric KMS key:"
                    + " its KeySpec is " + k.keySpec() + ".");
        }
        use.used(key, "GetPublicKey");
        return new PublicKey(k.arn(), KeyUse.keyPair(key).publicKey().encoded(), k.keySpec(), k.keyUsage(),
                KeySpecs.algorithms(k.keySpec(), k.keyUsage()));
    }

    public Signed sign(Principal caller, Sign request) {
        KeyUse.checkLength("message", request.message(), 1, MAX_MESSAGE);
        String algorithm = KeyUse.requiredEnum("signingAlgorithm", request.signingAlgorithm(), ALGORITHMS);
        MessageType type = messageType(request.messageType());
        LiveKey key = use.usable(caller, request.keyId(), "SIGN_VERIFY", "Sign");
        SigningAlgorithm alg = supported(key.meta(), algorithm);
        KeyPair pair = KeyUse.keyPair(key);
        KeyUse.dryRun(request.dryRun());
        try {
            byte[] signature = Signatures.sign(pair.privateKey(), alg, type, request.message(), use.ctx().random());
            use.used(key, "Sign");
            return new Signed(key.meta().arn(), signature, algorithm);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    public Verified verify(Principal caller, Verify request) {
        KeyUse.checkLength("message", request.message(), 1, MAX_MESSAGE);
        KeyUse.checkLength("signature", request.signature(), 1, MAX_SIGNATURE);
        String algorithm = KeyUse.requiredEnum("signingAlgorithm", request.signingAlgorithm(), ALGORITHMS);
        MessageType type = messageType(request.messageType());
        LiveKey key = use.usable(caller, request.keyId(), "SIGN_VERIFY", "Verify");
        SigningAlgorithm alg = supported(key.meta(), algorithm);
        KeyPair pair = KeyUse.keyPair(key);
        KeyUse.dryRun(request.dryRun());
        try {
            boolean valid = Signatures.verify(pair.publicKey(), alg, type, request.message(), request.signature());
            use.used(key, "Verify");
            if (!valid) {
                throw new KmsException(KmsErrorCode.INVALID_SIGNATURE);
            }
            return new Verified(key.meta().arn(), algorithm);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    private static MessageType messageType(Optional<String> wire) {
        return MessageType.fromWireName(KeyUse.checkEnum("messageType", wire.orElse("RAW"), MESSAGE_TYPES))
                .orElseThrow();
    }

    private static SigningAlgorithm supported(KeyRecord k, String algorithm) {
        List<String> allowed = KeySpecs.algorithms(k.keySpec(), k.keyUsage()).signing();
        if (!allowed.contains(algorithm)) {
            throw new KmsException(KmsErrorCode.INVALID_KEY_USAGE, "Algorithm " + algorithm
                    + " is incompatible with key spec " + k.keySpec() + ".");
        }
        return SigningAlgorithm.fromWireName(algorithm).orElseThrow();
    }
}
