package dev.coffer.crypto.asymmetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules KMS sets around Sign and Verify, and the exact meaning of each message type. */
class SignaturesRulesTest {
    private static final byte[] MESSAGE = "the message KMS signs".getBytes();

    @Test
    void sign_withPkcs1Digest_equalsTheSignatureOfTheRawMessage() throws Exception {
        // RSASSA-PKCS1-v1_5 is deterministic, so DIGEST is right only if it rebuilds exactly what RAW signs.
        AsymmetricKeyPair rsa = TestKeys.pair(AsymmetricKeySpec.RSA_2048);
        for (SigningAlgorithm algorithm : new SigningAlgorithm[] {SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256,
                SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512}) {
            byte[] raw = Signatures.sign(rsa.privateKey(), algorithm, MessageType.RAW, MESSAGE, TestKeys.RANDOM);
            byte[] digest = Signatures.sign(rsa.privateKey(), algorithm, MessageType.DIGEST,
                    Reference.digest(Reference.hashName(algorithm), MESSAGE), TestKeys.RANDOM);
            assertThat(digest).isEqualTo(raw);
        }
    }

    @Test
    void sign_withEd25519_equalsTheJdksDeterministicSignature() throws Exception {
        AsymmetricKeyPair ed = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_EDWARDS25519);
        byte[] ours = Signatures.sign(ed.privateKey(), SigningAlgorithm.ED25519_SHA_512, MessageType.RAW, MESSAGE,
                TestKeys.RANDOM);
        assertThat(ours).isEqualTo(Reference.sign(ed, SigningAlgorithm.ED25519_SHA_512, MESSAGE));
    }

    @Test
    void sign_withEd25519PhDigest_hashesTheDigestAgainAsKmsDocuments() throws Exception {
        AsymmetricKeyPair ed = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_EDWARDS25519);
        byte[] digest = Reference.digest("SHA-512", MESSAGE);

        byte[] signature = Signatures.sign(ed.privateKey(), SigningAlgorithm.ED25519_PH_SHA_512,
                MessageType.DIGEST, digest, TestKeys.RANDOM);

        // Ed25519ph over the digest bytes as the message — not Ed25519ph over the original message.
        assertThat(Reference.verify(ed, SigningAlgorithm.ED25519_PH_SHA_512, digest, signature)).isTrue();
        assertThat(Reference.verify(ed, SigningAlgorithm.ED25519_PH_SHA_512, MESSAGE, signature)).isFalse();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(Reference.publicKey(ed.spec(), ed.publicKeyDer()));
        jdk.setParameter(new EdDSAParameterSpec(true));
        jdk.update(digest);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void sign_withExternalMu_verifiesAsPureMlDsaOverTheMessage() throws Exception {
        AsymmetricKeyPair mlDsa = TestKeys.pair(AsymmetricKeySpec.ML_DSA_65);
        byte[] mu = Reference.externalMu(mlDsa.publicKeyDer(), MESSAGE);

        byte[] signature = Signatures.sign(mlDsa.privateKey(), SigningAlgorithm.ML_DSA_SHAKE_256,
                MessageType.EXTERNAL_MU, mu, TestKeys.RANDOM);

        assertThat(Reference.verify(mlDsa, SigningAlgorithm.ML_DSA_SHAKE_256, MESSAGE, signature)).isTrue();
        assertThat(Signatures.verify(mlDsa.publicKey(), SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.RAW,
                MESSAGE, signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4096})
    void sign_withRawMessageAtTheLimits_succeeds(int length) throws Exception {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        byte[] message = TestKeys.randomBytes(length);
        byte[] signature = Signatures.sign(p256.privateKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                message, TestKeys.RANDOM);
        assertThat(Signatures.verify(p256.publicKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, message,
                signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4097})
    void sign_withRawMessageOutsideTheLimits_failsWithInvalidInput(int length) {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        assertRefused(() -> Signatures.sign(p256.privateKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                new byte[length], TestKeys.RANDOM), Reason.INVALID_INPUT, "1 to 4096 bytes");
        assertRefused(() -> Signatures.verify(p256.publicKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                new byte[length], new byte[64]), Reason.INVALID_INPUT, "1 to 4096 bytes");
    }

    @Test
    void sign_withDigestOfTheWrongLength_failsWithInvalidInput() {
        AsymmetricKeyPair rsa = TestKeys.pair(AsymmetricKeySpec.RSA_2048);
        assertRefused(() -> Signatures.sign(rsa.privateKey(), SigningAlgorithm.RSASSA_PSS_SHA_384,
                MessageType.DIGEST, new byte[32], TestKeys.RANDOM), Reason.INVALID_INPUT, "must be 48 bytes");
        AsymmetricKeyPair ed = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_EDWARDS25519);
        assertRefused(() -> Signatures.sign(ed.privateKey(), SigningAlgorithm.ED25519_PH_SHA_512,
                MessageType.DIGEST, new byte[63], TestKeys.RANDOM), Reason.INVALID_INPUT, "must be 64 bytes");
    }

    @Test
    void sign_withExternalMuOfTheWrongLength_failsWithInvalidInput() {
        AsymmetricKeyPair mlDsa = TestKeys.pair(AsymmetricKeySpec.ML_DSA_44);
        assertRefused(() -> Signatures.sign(mlDsa.privateKey(), SigningAlgorithm.ML_DSA_SHAKE_256,
                MessageType.EXTERNAL_MU, new byte[32], TestKeys.RANDOM), Reason.INVALID_INPUT, "64 bytes");
    }

    @Test
    void sign_withAMessageTypeTheAlgorithmRefuses_failsWithInvalidInput() {
        AsymmetricKeyPair ed = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_EDWARDS25519);
        AsymmetricKeyPair rsa = TestKeys.pair(AsymmetricKeySpec.RSA_2048);
        AsymmetricKeyPair mlDsa = TestKeys.pair(AsymmetricKeySpec.ML_DSA_44);
        // KMS: ED25519_SHA_512 requires RAW and ED25519_PH_SHA_512 requires DIGEST; they cannot swap.
        assertRefused(() -> Signatures.sign(ed.privateKey(), SigningAlgorithm.ED25519_SHA_512, MessageType.DIGEST,
                new byte[64], TestKeys.RANDOM), Reason.INVALID_INPUT, "MessageType DIGEST");
        assertRefused(() -> Signatures.sign(ed.privateKey(), SigningAlgorithm.ED25519_PH_SHA_512, MessageType.RAW,
                MESSAGE, TestKeys.RANDOM), Reason.INVALID_INPUT, "MessageType RAW");
        assertRefused(() -> Signatures.sign(rsa.privateKey(), SigningAlgorithm.RSASSA_PSS_SHA_256,
                MessageType.EXTERNAL_MU, new byte[64], TestKeys.RANDOM), Reason.INVALID_INPUT, "EXTERNAL_MU");
        assertRefused(() -> Signatures.sign(mlDsa.privateKey(), SigningAlgorithm.ML_DSA_SHAKE_256,
                MessageType.DIGEST, new byte[64], TestKeys.RANDOM), Reason.INVALID_INPUT, "MessageType DIGEST");
    }

    @Test
    void sign_withAnAlgorithmTheKeySpecDoesNotSupport_failsWithIncompatibleAlgorithm() {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        AsymmetricKeyPair rsa = TestKeys.pair(AsymmetricKeySpec.RSA_2048);
        AsymmetricKeyPair mlKem = TestKeys.pair(AsymmetricKeySpec.ML_KEM_512);
        assertRefused(() -> Signatures.sign(p256.privateKey(), SigningAlgorithm.ECDSA_SHA_384, MessageType.RAW,
                MESSAGE, TestKeys.RANDOM), Reason.INCOMPATIBLE_ALGORITHM, "ECDSA_SHA_384 is not supported");
        assertRefused(() -> Signatures.verify(rsa.publicKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                MESSAGE, new byte[256]), Reason.INCOMPATIBLE_ALGORITHM, "RSA_2048");
        assertRefused(() -> Signatures.sign(mlKem.privateKey(), SigningAlgorithm.ML_DSA_SHAKE_256,
                MessageType.RAW, MESSAGE, TestKeys.RANDOM), Reason.INCOMPATIBLE_ALGORITHM, "cannot sign");
    }

    @Test
    void verify_withTheRightSignatureUnderAnotherKey_returnsFalse() throws Exception {
        AsymmetricKeyPair mine = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        AsymmetricKeyPair other = AsymmetricKeyPair.generate(AsymmetricKeySpec.ECC_NIST_P256, TestKeys.RANDOM);
        byte[] signature = Signatures.sign(other.privateKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                MESSAGE, TestKeys.RANDOM);
        assertThat(Signatures.verify(mine.publicKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE,
                signature)).isFalse();
    }

    interface Call {
        Object run() throws Exception;
    }

    static void assertRefused(Call call, Reason reason, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(KeyOperationException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }
}
