package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1;
import static dev.coffer.crypto.asymmetric.AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the tables of AWS's "Key spec reference" and of the service model's enums. */
class AsymmetricKeySpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "RSA_2048; ENCRYPT_DECRYPT SIGN_VERIFY; RSASSA_PKCS1_V1_5_SHA_256 RSASSA_PKCS1_V1_5_SHA_384"
                + " RSASSA_PKCS1_V1_5_SHA_512 RSASSA_PSS_SHA_256 RSASSA_PSS_SHA_384 RSASSA_PSS_SHA_512;"
                + " RSAES_OAEP_SHA_1 RSAES_OAEP_SHA_256; ; ",
        "RSA_4096; ENCRYPT_DECRYPT SIGN_VERIFY; RSASSA_PKCS1_V1_5_SHA_256 RSASSA_PKCS1_V1_5_SHA_384"
                + " RSASSA_PKCS1_V1_5_SHA_512 RSASSA_PSS_SHA_256 RSASSA_PSS_SHA_384 RSASSA_PSS_SHA_512;"
                + " RSAES_OAEP_SHA_1 RSAES_OAEP_SHA_256; ; ",
        "ECC_NIST_P256; SIGN_VERIFY KEY_AGREEMENT; ECDSA_SHA_256; ; ECDH; ",
        "ECC_NIST_P384; SIGN_VERIFY KEY_AGREEMENT; ECDSA_SHA_384; ; ECDH; ",
        "ECC_NIST_P521; SIGN_VERIFY KEY_AGREEMENT; ECDSA_SHA_512; ; ECDH; ",
        "ECC_SECG_P256K1; SIGN_VERIFY; ECDSA_SHA_256; ; ; ",
        "ECC_NIST_EDWARDS25519; SIGN_VERIFY; ED25519_SHA_512 ED25519_PH_SHA_512; ; ; ",
        "ML_DSA_44; SIGN_VERIFY; ML_DSA_SHAKE_256; ; ; ",
        "ML_DSA_87; SIGN_VERIFY; ML_DSA_SHAKE_256; ; ; ",
        "ML_KEM_512; ENCAPSULATE_DECAPSULATE; ; ; ; ML_KEM",
        "ML_KEM_1024; ENCAPSULATE_DECAPSULATE; ; ; ; ML_KEM",
    })
    void keySpec_allowsTheUsagesAndAlgorithmsOfAwsKeySpecReference(AsymmetricKeySpec spec, String usages,
            String signing, String encryption, String keyAgreement, String encapsulation) {
        assertThat(names(spec.keyUsages())).isEqualTo(words(usages));
        assertThat(spec.signingAlgorithms().stream().map(Enum::name).toList())
                .containsExactlyElementsOf(wordsInOrder(signing));
        assertThat(names(spec.encryptionAlgorithms())).isEqualTo(words(encryption));
        assertThat(names(spec.keyAgreementAlgorithms())).isEqualTo(words(keyAgreement));
        assertThat(names(spec.encapsulationAlgorithms())).isEqualTo(words(encapsulation));
    }

    @Test
    void everySpec_thatSigns_hasSignVerifyUsage_andOnlyThose() {
        for (AsymmetricKeySpec spec : AsymmetricKeySpec.values()) {
            assertThat(spec.signingAlgorithms().isEmpty())
                    .as(spec.name()).isEqualTo(!spec.keyUsages().contains(KeyUsage.SIGN_VERIFY));
        }
    }

    @Test
    void allowsDataKeyPair_matchesTheServiceModelsDataKeyPairSpec() {
        Set<String> dataKeyPairSpecs = Arrays.stream(AsymmetricKeySpec.values())
                .filter(AsymmetricKeySpec::allowsDataKeyPair).map(Enum::name).collect(Collectors.toSet());
        // AWS SDK for Java 2.57.8 DataKeyPairSpec, minus SM2 (China Regions only, not offered).
        assertThat(dataKeyPairSpecs).containsExactlyInAnyOrder("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
                "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519", "ML_KEM_512",
                "ML_KEM_768", "ML_KEM_1024");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RSA_2048, 214, 190", "RSA_3072, 342, 318", "RSA_4096, 470, 446"})
    void maxPlaintextBytes_matchesAwsTable(AsymmetricKeySpec spec, int sha1, int sha256) {
        assertThat(RSAES_OAEP_SHA_1.maxPlaintextBytes(spec)).isEqualTo(sha1);
        assertThat(RSAES_OAEP_SHA_256.maxPlaintextBytes(spec)).isEqualTo(sha256);
    }

    @Test
    void maxPlaintextBytes_ofANonRsaSpec_isACallersBug() {
        assertThatThrownBy(() -> RSAES_OAEP_SHA_256.maxPlaintextBytes(AsymmetricKeySpec.ECC_NIST_P256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "RSASSA_PSS_SHA_256; RAW DIGEST", "RSASSA_PKCS1_V1_5_SHA_512; RAW DIGEST", "ECDSA_SHA_384; RAW DIGEST",
        "ED25519_SHA_512; RAW", "ED25519_PH_SHA_512; DIGEST", "ML_DSA_SHAKE_256; RAW EXTERNAL_MU",
    })
    void messageTypes_matchKmsRules(SigningAlgorithm algorithm, String types) {
        assertThat(names(algorithm.messageTypes())).isEqualTo(words(types));
    }

    @Test
    void wireNames_areTheServiceModelsAndCaseSensitive() {
        assertThat(AsymmetricKeySpec.fromWireName("ECC_SECG_P256K1")).contains(AsymmetricKeySpec.ECC_SECG_P256K1);
        assertThat(AsymmetricKeySpec.fromWireName("ecc_nist_p256")).isEmpty();
        assertThat(AsymmetricKeySpec.fromWireName("SYMMETRIC_DEFAULT")).isEmpty();
        assertThat(SigningAlgorithm.fromWireName("ED25519_PH_SHA_512")).contains(SigningAlgorithm.ED25519_PH_SHA_512);
        assertThat(SigningAlgorithm.fromWireName("SM2DSA")).isEmpty();
        assertThat(MessageType.fromWireName("EXTERNAL_MU")).contains(MessageType.EXTERNAL_MU);
        assertThat(AsymmetricEncryptionAlgorithm.fromWireName("SYMMETRIC_DEFAULT")).isEmpty();
        assertThat(KeyUsage.fromWireName("ENCAPSULATE_DECAPSULATE")).contains(KeyUsage.ENCAPSULATE_DECAPSULATE);
        assertThat(KeyAgreementAlgorithm.fromWireName("ECDH")).contains(KeyAgreementAlgorithm.ECDH);
        assertThat(EncapsulationAlgorithm.fromWireName("ML_KEM")).contains(EncapsulationAlgorithm.ML_KEM);
    }

    private static Set<String> words(String s) {
        return s == null || s.isBlank() ? Set.of() : Set.of(s.trim().split("\\s+"));
    }

    private static java.util.List<String> wordsInOrder(String s) {
        return s == null || s.isBlank() ? java.util.List.of() : java.util.List.of(s.trim().split("\\s+"));
    }

    private static Set<String> names(java.util.Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.toSet());
    }
}
