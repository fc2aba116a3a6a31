package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.SignaturesRulesTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import javax.crypto.KEM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MlKemTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ML_KEM_512, 768", "ML_KEM_768, 1088", "ML_KEM_1024, 1568"})
    void encapsulate_thenDecapsulate_givesTheSameSecret(AsymmetricKeySpec spec, int ciphertextBytes)
            throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);

        try (MlKemEncapsulation encapsulation = MlKem.encapsulate(pair.publicKey(), TestKeys.RANDOM);
                Secret recovered = MlKem.decapsulate(pair.privateKey(), encapsulation.ciphertext())) {
            assertThat(encapsulation.ciphertext()).hasSize(ciphertextBytes);
            assertThat(encapsulation.sharedSecret().length()).isEqualTo(32);
            assertThat(recovered.equalsConstantTime(encapsulation.sharedSecret())).isTrue();
            assertThat(encapsulation.toString()).isEqualTo("MlKemEncapsulation[shared secret 32 bytes, ciphertext "
                    + ciphertextBytes + " bytes]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
    void encapsulationsMadeOutside_andInside_interoperateWithTheJdk(AsymmetricKeySpec spec) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        KEM kem = KEM.getInstance("ML-KEM");

        KEM.Encapsulated outside = kem.newEncapsulator(Reference.publicKey(spec, pair.publicKeyDer()))
                .encapsulate();
        assertThat(MlKem.decapsulate(pair.privateKey(), outside.encapsulation()).revealBytes())
                .isEqualTo(outside.key().getEncoded());

        MlKemEncapsulation inside = MlKem.encapsulate(pair.publicKey(), TestKeys.RANDOM);
        assertThat(kem.newDecapsulator(Reference.privateKey(spec, pair.privateKeyPkcs8()))
                .decapsulate(inside.ciphertext()).getEncoded()).isEqualTo(inside.sharedSecret().revealBytes());
    }

    @Test
    void decapsulate_ofATamperedCiphertext_givesAnUnrelatedSecret() throws Exception {
        // ML-KEM's implicit rejection: no error, a different secret.
        AsymmetricKeyPair pair = TestKeys.pair(AsymmetricKeySpec.ML_KEM_768);
        MlKemEncapsulation encapsulation = MlKem.encapsulate(pair.publicKey(), TestKeys.RANDOM);

        Secret recovered = MlKem.decapsulate(pair.privateKey(), TestKeys.flipBit(encapsulation.ciphertext(), 5));

        assertThat(recovered.equalsConstantTime(encapsulation.sharedSecret())).isFalse();
    }

    @Test
    void decapsulate_ofACiphertextOfTheWrongLength_failsWithInvalidCiphertext() {
        AsymmetricKeyPair pair = TestKeys.pair(AsymmetricKeySpec.ML_KEM_512);
        assertRefused(() -> MlKem.decapsulate(pair.privateKey(), new byte[1088]), Reason.INVALID_CIPHERTEXT,
                "must be 768 bytes, got 1088");
        assertRefused(() -> MlKem.decapsulate(pair.privateKey(), new byte[0]), Reason.INVALID_CIPHERTEXT,
                "must be 768 bytes");
    }

    @Test
    void encapsulate_withANonMlKemKey_failsWithIncompatibleAlgorithm() {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        assertRefused(() -> MlKem.encapsulate(p256.publicKey(), TestKeys.RANDOM), Reason.INCOMPATIBLE_ALGORITHM,
                "A ECC_NIST_P256 key cannot encapsulate");
        assertRefused(() -> MlKem.decapsulate(p256.privateKey(), new byte[768]), Reason.INCOMPATIBLE_ALGORITHM,
                "cannot encapsulate or decapsulate");
    }
}
