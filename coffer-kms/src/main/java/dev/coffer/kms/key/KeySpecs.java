package dev.coffer.kms.key;

import dev.coffer.crypto.asymmetric.AsymmetricEncryptionAlgorithm;
import dev.coffer.crypto.asymmetric.AsymmetricKeySpec;
import dev.coffer.crypto.asymmetric.EncapsulationAlgorithm;
import dev.coffer.crypto.asymmetric.KeyAgreementAlgorithm;
import dev.coffer.crypto.asymmetric.KeyUsage;
import dev.coffer.crypto.asymmetric.SigningAlgorithm;
import dev.coffer.crypto.mac.HmacKeySpec;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyMaterials;
import java.util.List;
import java.util.Optional;

/**
 * What a key spec allows, as AWS's key spec reference says: which KeyUsage values CreateKey accepts for it,
 * and which algorithms DescribeKey and GetPublicKey list for a key of a spec and usage. The asymmetric and HMAC
 * rules themselves live in {@link AsymmetricKeySpec} and {@link HmacKeySpec}; this class adds SYMMETRIC_DEFAULT
 * and the KMS errors.
 */
public final class KeySpecs {
    public static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

    private KeySpecs() {}

    /** The algorithm lists of a key: each empty when the key's usage does not use it. */
    public record Algorithms(List<String> encryption, List<String> signing, List<String> keyAgreement,
            List<String> mac, List<String> encapsulation) {}

    /**
     * Checks CreateKey's KeySpec, KeyUsage (already defaulted to ENCRYPT_DECRYPT, AWS's default) and Origin.
     * SM2 (China Regions only), custom key stores and Origin EXTERNAL for a spec whose material cannot be imported
     * (Ed25519, ML-DSA, ML-KEM: {@link KeyMaterials#importable}) are refused with UnsupportedOperationException.
     */
    public static void checkCreate(String keySpec, String keyUsage, String origin) {
        if (keySpec.equals("SM2")) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION,
                    "KeySpec SM2 is supported only in China Regions.");
        }
        if (!allowedUsages(keySpec).contains(keyUsage)) {
            throw KmsException.validation("The operation failed because the KeyUsage value of the KMS key is "
                    + keyUsage + ", which is not compatible with KeySpec " + keySpec + ".");
        }
        switch (origin) {
            case "AWS_KMS" -> { }
            case "EXTERNAL" -> {
                if (!KeyMaterials.importable(keySpec)) {
                    throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "KeySpec " + keySpec
                            + " does not support imported key material.");
                }
            }
            default -> throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "Origin " + origin
                    + " needs a custom key store, which this server does not support.");
        }
    }

    private static List<String> allowedUsages(String keySpec) {
        if (keySpec.equals(SYMMETRIC_DEFAULT)) {
            return List.of("ENCRYPT_DECRYPT");
        }
        Optional<HmacKeySpec> hmac = HmacKeySpec.fromWireName(keySpec);
        if (hmac.isPresent()) {
            return List.of(hmac.get().keyUsage().wireName());
        }
        return AsymmetricKeySpec.fromWireName(keySpec).map(s -> s.keyUsages().stream().map(KeyUsage::wireName)
                .toList()).orElse(List.of());
    }

    public static boolean isAsymmetric(String keySpec) {
        return AsymmetricKeySpec.fromWireName(keySpec).isPresent();
    }

    public static boolean isHmac(String keySpec) {
        return HmacKeySpec.fromWireName(keySpec).isPresent();
    }

    /** The algorithms a key of this spec and usage supports, by list. */
    public static Algorithms algorithms(String keySpec, String keyUsage) {
        if (keySpec.equals(SYMMETRIC_DEFAULT)) {
            return new Algorithms(List.of(SYMMETRIC_DEFAULT), List.of(), List.of(), List.of(), List.of());
        }
        Optional<HmacKeySpec> hmac = HmacKeySpec.fromWireName(keySpec);
        if (hmac.isPresent()) {
            return new Algorithms(List.of(), List.of(), List.of(), List.of(hmac.get().macAlgorithm().wireName()),
                    List.of());
        }
        AsymmetricKeySpec spec = AsymmetricKeySpec.fromWireName(keySpec).orElseThrow(
                () -> new IllegalStateException("unknown key spec " + keySpec));
        return new Algorithms(
                keyUsage.equals("ENCRYPT_DECRYPT")
                        ? spec.encryptionAlgorithms().stream().map(AsymmetricEncryptionAlgorithm::wireName).toList()
                        : List.of(),
                keyUsage.equals("SIGN_VERIFY")
                        ? spec.signingAlgorithms().stream().map(SigningAlgorithm::wireName).toList() : List.of(),
                keyUsage.equals("KEY_AGREEMENT")
                        ? spec.keyAgreementAlgorithms().stream().map(KeyAgreementAlgorithm::wireName).toList()
                        : List.of(),
                List.of(),
                keyUsage.equals("ENCAPSULATE_DECAPSULATE")
                        ? spec.encapsulationAlgorithms().stream().map(EncapsulationAlgorithm::wireName).toList()
                        : List.of());
    }
}
