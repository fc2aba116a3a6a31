package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.SigningAlgorithm.ECDSA_SHA_256;
import static dev.coffer.crypto.asymmetric.SigningAlgorithm.ECDSA_SHA_384;
import static dev.coffer.crypto.asymmetric.SigningAlgorithm.ECDSA_SHA_512;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * KMS's asymmetric key specs and what each allows, as AWS's "Key spec reference" says:
 *
 * <table>
 *   <tr><th>spec</th><th>key usages</th><th>algorithms</th></tr>
 *   <tr><td>RSA_2048, RSA_3072, RSA_4096</td><td>ENCRYPT_DECRYPT or SIGN_VERIFY</td>
 *       <td>RSAES_OAEP_SHA_1/256; RSASSA_PSS_SHA_256/384/512, RSASSA_PKCS1_V1_5_SHA_256/384/512</td></tr>
 *   <tr><td>ECC_NIST_P256 / P384 / P521</td><td>SIGN_VERIFY or KEY_AGREEMENT</td>
 *       <td>ECDSA_SHA_256 / 384 / 512 (the hash that matches the curve); ECDH</td></tr>
 *   <tr><td>ECC_SECG_P256K1</td><td>SIGN_VERIFY</td><td>ECDSA_SHA_256</td></tr>
 *   <tr><td>ECC_NIST_EDWARDS25519</td><td>SIGN_VERIFY</td><td>ED25519_SHA_512, ED25519_PH_SHA_512</td></tr>
 *   <tr><td>ML_DSA_44 / 65 / 87</td><td>SIGN_VERIFY</td><td>ML_DSA_SHAKE_256</td></tr>
 *   <tr><td>ML_KEM_512 / 768 / 1024</td><td>ENCAPSULATE_DECAPSULATE</td><td>ML_KEM</td></tr>
 * </table>
 *
 * The algorithm lists do not depend on the key's usage; a caller lists only those of the usage the key was created
 * with (DescribeKey shows signing algorithms for a SIGN_VERIFY RSA key, encryption algorithms for an
 * ENCRYPT_DECRYPT one). SM2 (China Regions only) is not offered.
 */
public enum AsymmetricKeySpec {
    RSA_2048(2048),
    RSA_3072(3072),
    RSA_4096(4096),
    ECC_NIST_P256(0),
    ECC_NIST_P384(0),
    ECC_NIST_P521(0),
    ECC_SECG_P256K1(0),
    ECC_NIST_EDWARDS25519(0),
    ML_DSA_44(0),
    ML_DSA_65(0),
    ML_DSA_87(0),
    ML_KEM_512(0),
    ML_KEM_768(0),
    ML_KEM_1024(0);

    private final int rsaModulusBits;

    AsymmetricKeySpec(int rsaModulusBits) {
        this.rsaModulusBits = rsaModulusBits;
    }

    public String wireName() {
        return name();
    }

    /** Case-sensitive; empty for SYMMETRIC_DEFAULT, HMAC specs and anything else that is not an asymmetric spec. */
    public static Optional<AsymmetricKeySpec> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.name().equals(wireName)).findFirst();
    }

    /** The usages a key of this spec may be created with; a key gets exactly one of them. */
    public Set<KeyUsage> keyUsages() {
        return Collections.unmodifiableSet(switch (this) {
            case RSA_2048, RSA_3072, RSA_4096 -> EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
            case ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 ->
                    EnumSet.of(KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
            case ECC_SECG_P256K1, ECC_NIST_EDWARDS25519, ML_DSA_44, ML_DSA_65, ML_DSA_87 ->
                    EnumSet.of(KeyUsage.SIGN_VERIFY);
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> EnumSet.of(KeyUsage.ENCAPSULATE_DECAPSULATE);
        });
    }

    /**
     * The signing algorithms KMS supports for this spec, in the order AWS's DescribeKey and GetPublicKey examples
     * list them (PKCS #1 v1.5 before PSS); empty if it cannot sign.
     */
    public List<SigningAlgorithm> signingAlgorithms() {
        return switch (this) {
            case RSA_2048, RSA_3072, RSA_4096 -> List.of(SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256,
                    SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512,
                    SigningAlgorithm.RSASSA_PSS_SHA_256, SigningAlgorithm.RSASSA_PSS_SHA_384,
                    SigningAlgorithm.RSASSA_PSS_SHA_512);
            case ECC_NIST_P256, ECC_SECG_P256K1 -> List.of(ECDSA_SHA_256);
            case ECC_NIST_P384 -> List.of(ECDSA_SHA_384);
            case ECC_NIST_P521 -> List.of(ECDSA_SHA_512);
            case ECC_NIST_EDWARDS25519 ->
                    List.of(SigningAlgorithm.ED25519_SHA_512, SigningAlgorithm.ED25519_PH_SHA_512);
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> List.of(SigningAlgorithm.ML_DSA_SHAKE_256);
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> List.of();
        };
    }

    /** The encryption algorithms KMS supports for this spec: both OAEP variants for RSA, none otherwise. */
    public List<AsymmetricEncryptionAlgorithm> encryptionAlgorithms() {
        return rsaModulusBits != 0 ? List.of(AsymmetricEncryptionAlgorithm.values()) : List.of();
    }

    /** ECDH for the NIST prime curves; none otherwise (not secp256k1, not Ed25519). */
    public List<KeyAgreementAlgorithm> keyAgreementAlgorithms() {
        return keyUsages().contains(KeyUsage.KEY_AGREEMENT) ? List.of(KeyAgreementAlgorithm.ECDH) : List.of();
    }

    /** ML_KEM for the ML-KEM specs; none otherwise. */
    public List<EncapsulationAlgorithm> encapsulationAlgorithms() {
        return keyUsages().contains(KeyUsage.ENCAPSULATE_DECAPSULATE)
                ? List.of(EncapsulationAlgorithm.ML_KEM)
                : List.of();
    }

    /**
     * Whether GenerateDataKeyPair may produce a pair of this spec (the service model's {@code DataKeyPairSpec}):
     * every spec but ML-DSA.
     */
    public boolean allowsDataKeyPair() {
        return switch (this) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> false;
            default -> true;
        };
    }

    /** The RSA modulus length in bits, or 0 if this is not an RSA spec. */
    public int rsaModulusBits() {
        return rsaModulusBits;
    }
}
