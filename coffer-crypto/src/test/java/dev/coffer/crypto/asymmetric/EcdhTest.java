package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.SignaturesRulesTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcdhTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ECC_NIST_P256, secp256r1, 32", "ECC_NIST_P384, secp384r1, 48", "ECC_NIST_P521, secp521r1, 66"})
    void deriveSharedSecret_equalsWhatThePeerComputesWithTheJdk(AsymmetricKeySpec spec, String curve, int length)
            throws Exception {
        AsymmetricKeyPair kmsKey = TestKeys.pair(spec);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        var peer = generator.generateKeyPair();

        Secret ours = Ecdh.deriveSharedSecret(kmsKey.privateKey(), peer.getPublic().getEncoded());

        KeyAgreement theirs = KeyAgreement.getInstance("ECDH");
        theirs.init(peer.getPrivate());
        theirs.doPhase(Reference.publicKey(spec, kmsKey.publicKeyDer()), true);
        assertThat(ours.length()).isEqualTo(length);
        assertThat(ours.revealBytes()).isEqualTo(theirs.generateSecret());
        assertThat(ours.toString()).isEqualTo("Secret[" + length + " bytes]");
    }

    @Test
    void deriveSharedSecret_betweenTwoKmsKeys_agrees() throws Exception {
        AsymmetricKeyPair alice = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P384);
        AsymmetricKeyPair bob = AsymmetricKeyPair.generate(AsymmetricKeySpec.ECC_NIST_P384, TestKeys.RANDOM);
        assertThat(Ecdh.deriveSharedSecret(alice.privateKey(), bob.publicKeyDer())
                .equalsConstantTime(Ecdh.deriveSharedSecret(bob.privateKey(), alice.publicKeyDer()))).isTrue();
    }

    @Test
    void deriveSharedSecret_withPeerKeyOnAnotherCurveOrOfAnotherKind_failsWithInvalidPublicKey() {
        AsymmetricPrivateKey p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256).privateKey();
        assertRefused(() -> Ecdh.deriveSharedSecret(p256, TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P384)
                .publicKeyDer()), Reason.INVALID_PUBLIC_KEY,
                "must be on the same curve as the KMS key (ECC_NIST_P256), but it is a ECC_NIST_P384 key");
        assertRefused(() -> Ecdh.deriveSharedSecret(p256, TestKeys.pair(AsymmetricKeySpec.ECC_SECG_P256K1)
                .publicKeyDer()), Reason.INVALID_PUBLIC_KEY, "ECC_SECG_P256K1");
        assertRefused(() -> Ecdh.deriveSharedSecret(p256, TestKeys.pair(AsymmetricKeySpec.RSA_2048)
                .publicKeyDer()), Reason.INVALID_PUBLIC_KEY, "RSA_2048");
        assertRefused(() -> Ecdh.deriveSharedSecret(p256, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}),
                Reason.INVALID_PUBLIC_KEY, "public key");
    }

    @Test
    void deriveSharedSecret_withAPointOffTheCurve_failsWithInvalidPublicKey() {
        AsymmetricPrivateKey p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256).privateKey();
        byte[] der = AsymmetricKeyPair.generate(AsymmetricKeySpec.ECC_NIST_P256, TestKeys.RANDOM).publicKeyDer();
        byte[] offCurve = TestKeys.flipBit(der, der.length - 1);

        assertRefused(() -> Ecdh.deriveSharedSecret(p256, offCurve), Reason.INVALID_PUBLIC_KEY, "public key");
    }

    @Test
    void deriveSharedSecret_withAKeyThatHasNoKeyAgreement_failsWithIncompatibleAlgorithm() {
        for (AsymmetricKeySpec spec : new AsymmetricKeySpec[] {AsymmetricKeySpec.ECC_SECG_P256K1,
            AsymmetricKeySpec.ECC_NIST_EDWARDS25519, AsymmetricKeySpec.RSA_2048}) {
            AsymmetricKeyPair pair = TestKeys.pair(spec);
            assertRefused(() -> Ecdh.deriveSharedSecret(pair.privateKey(), pair.publicKeyDer()),
                    Reason.INCOMPATIBLE_ALGORITHM, "cannot derive shared secrets");
        }
    }
}
