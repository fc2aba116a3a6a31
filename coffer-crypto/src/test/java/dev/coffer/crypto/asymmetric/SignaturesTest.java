package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.TestKeys.flipBit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every signing algorithm with every message type it accepts, against an independent implementation: what Coffer
 * signs verifies outside it, and what is signed outside verifies in Coffer, as it does with KMS.
 */
class SignaturesTest {
    private static final List<AsymmetricKeySpec> SIGNING_SPECS = List.of(AsymmetricKeySpec.RSA_2048,
            AsymmetricKeySpec.ECC_NIST_P256, AsymmetricKeySpec.ECC_NIST_P384, AsymmetricKeySpec.ECC_NIST_P521,
            AsymmetricKeySpec.ECC_SECG_P256K1, AsymmetricKeySpec.ECC_NIST_EDWARDS25519, AsymmetricKeySpec.ML_DSA_44,
            AsymmetricKeySpec.ML_DSA_65, AsymmetricKeySpec.ML_DSA_87);

    static Stream<Arguments> cases() {
        return SIGNING_SPECS.stream().flatMap(spec -> spec.signingAlgorithms().stream()
                .flatMap(algorithm -> algorithm.messageTypes().stream()
                        .map(type -> Arguments.of(spec, algorithm, type))));
    }

    /** A message, what Coffer's API takes for it, and what a verifier outside KMS is given. */
    private record Input(byte[] api, byte[] reference) {}

    private static Input input(AsymmetricKeyPair pair, SigningAlgorithm algorithm, MessageType type)
            throws Exception {
        byte[] message = TestKeys.randomBytes(300);
        return switch (type) {
            case RAW -> new Input(message, message);
            // KMS hashes an Ed25519ph "digest" again, so outside KMS it is the message itself.
            case DIGEST -> algorithm == SigningAlgorithm.ED25519_PH_SHA_512
                    ? new Input(Reference.digest("SHA-512", message), Reference.digest("SHA-512", message))
                    : new Input(Reference.digest(Reference.hashName(algorithm), message), message);
            case EXTERNAL_MU -> new Input(Reference.externalMu(pair.publicKeyDer(), message), message);
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void sign_verifiesWithTheReferenceImplementationAndWithVerify(AsymmetricKeySpec spec,
            SigningAlgorithm algorithm, MessageType type) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        Input input = input(pair, algorithm, type);

        byte[] signature = Signatures.sign(pair.privateKey(), algorithm, type, input.api(), TestKeys.RANDOM);

        assertThat(Reference.verify(pair, algorithm, input.reference(), signature)).isTrue();
        assertThat(Signatures.verify(pair.publicKey(), algorithm, type, input.api(), signature)).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void verify_withReferenceSignature_returnsTrue(AsymmetricKeySpec spec, SigningAlgorithm algorithm,
            MessageType type) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        Input input = input(pair, algorithm, type);
        AsymmetricPublicKey publicKey = AsymmetricPublicKey.parse(spec, pair.publicKeyDer());

        byte[] signature = Reference.sign(pair, algorithm, input.reference());

        assertThat(Signatures.verify(publicKey, algorithm, type, input.api(), signature)).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void verify_withAFlippedBitInMessageOrSignature_returnsFalse(AsymmetricKeySpec spec,
            SigningAlgorithm algorithm, MessageType type) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        Input input = input(pair, algorithm, type);
        byte[] signature = Signatures.sign(pair.privateKey(), algorithm, type, input.api(), TestKeys.RANDOM);

        assertThat(Signatures.verify(pair.publicKey(), algorithm, type, flipBit(input.api(), 7), signature))
                .isFalse();
        assertThat(Signatures.verify(pair.publicKey(), algorithm, type, input.api(), flipBit(signature, 9)))
                .isFalse();
        assertThat(Signatures.verify(pair.publicKey(), algorithm, type, input.api(),
                flipBit(signature, signature.length - 1))).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void verify_withMalformedSignature_returnsFalseWithoutThrowing(AsymmetricKeySpec spec,
            SigningAlgorithm algorithm, MessageType type) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        Input input = input(pair, algorithm, type);
        byte[] signature = Signatures.sign(pair.privateKey(), algorithm, type, input.api(), TestKeys.RANDOM);
        byte[] truncated = java.util.Arrays.copyOf(signature, signature.length - 1);
        byte[] extended = java.util.Arrays.copyOf(signature, signature.length + 1);

        for (byte[] bad : List.of(new byte[0], new byte[] {0x30}, truncated, extended,
                TestKeys.randomBytes(signature.length))) {
            assertThat(Signatures.verify(pair.publicKey(), algorithm, type, input.api(), bad)).isFalse();
        }
    }
}
