package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.SignaturesRulesTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AsymmetricKeyPairTest {

    @ParameterizedTest
    @EnumSource(AsymmetricKeySpec.class)
    void generate_givesEncodingsThatOtherImplementationsRead(AsymmetricKeySpec spec) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);

        PublicKey jdkPublic = Reference.publicKey(spec, pair.publicKeyDer());
        assertThat(Reference.privateKey(spec, pair.privateKeyPkcs8())).isNotNull();
        if (spec.rsaModulusBits() != 0) {
            assertThat(((RSAPublicKey) jdkPublic).getModulus().bitLength()).isEqualTo(spec.rsaModulusBits());
            assertThat(((RSAPublicKey) jdkPublic).getPublicExponent().intValue()).isEqualTo(65537);
        }
        if (jdkPublic instanceof ECPublicKey ec) {
            // A named curve and an uncompressed point, as GetPublicKey returns them.
            int fieldBytes = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            assertThat(pair.publicKeyDer()[pair.publicKeyDer().length - 2 * fieldBytes - 1]).isEqualTo((byte) 0x04);
        }
        assertThat(pair.spec()).isEqualTo(spec);
        assertThat(pair.publicKey().spec()).isEqualTo(spec);
        assertThat(pair.privateKey().spec()).isEqualTo(spec);
    }

    @ParameterizedTest
    @EnumSource(AsymmetricKeySpec.class)
    void parse_findsTheSpecOfEveryGeneratedKey(AsymmetricKeySpec spec) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);

        assertThat(AsymmetricPublicKey.parse(pair.publicKeyDer()).spec()).isEqualTo(spec);
        assertThat(AsymmetricPublicKey.parse(spec, pair.publicKeyDer()).encoded()).isEqualTo(pair.publicKeyDer());
        assertThat(AsymmetricPrivateKey.parse(spec, pair.privateKeyPkcs8()).spec()).isEqualTo(spec);
    }

    @ParameterizedTest
    @EnumSource(value = AsymmetricKeySpec.class, names = {"RSA_2048", "ECC_NIST_P384", "ECC_SECG_P256K1",
        "ECC_NIST_EDWARDS25519", "ML_DSA_44", "ML_DSA_87"})
    void parsedPrivateKey_signsLikeTheGeneratedOne(AsymmetricKeySpec spec) throws Exception {
        // The KMS module stores the PKCS#8 sealed and parses it later: that path must sign as well.
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        AsymmetricPrivateKey parsed = AsymmetricPrivateKey.parse(spec, pair.privateKeyPkcs8().copy());
        for (SigningAlgorithm algorithm : spec.signingAlgorithms()) {
            for (MessageType type : algorithm.messageTypes()) {
                byte[] message = switch (type) {
                    case RAW -> TestKeys.randomBytes(100);
                    case DIGEST -> TestKeys.randomBytes(
                            algorithm.name().endsWith("256") ? 32 : algorithm.name().endsWith("384") ? 48 : 64);
                    case EXTERNAL_MU -> TestKeys.randomBytes(64);
                };
                byte[] signature = Signatures.sign(parsed, algorithm, type, message, TestKeys.RANDOM);
                assertThat(Signatures.verify(pair.publicKey(), algorithm, type, message, signature)).isTrue();
            }
        }
    }

    @Test
    void parse_withKeyOfAnotherSpec_fails() {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        AsymmetricKeyPair rsa = TestKeys.pair(AsymmetricKeySpec.RSA_2048);
        assertRefused(() -> AsymmetricPrivateKey.parse(AsymmetricKeySpec.ECC_NIST_P384, p256.privateKeyPkcs8()),
                Reason.INVALID_KEY_MATERIAL, "not a ECC_NIST_P384 key");
        assertRefused(() -> AsymmetricPrivateKey.parse(AsymmetricKeySpec.RSA_3072, rsa.privateKeyPkcs8()),
                Reason.INVALID_KEY_MATERIAL, "not a RSA_3072 key");
        assertRefused(() -> AsymmetricPublicKey.parse(AsymmetricKeySpec.ECC_SECG_P256K1, p256.publicKeyDer()),
                Reason.INVALID_PUBLIC_KEY, "is a ECC_NIST_P256 key, not a ECC_SECG_P256K1 key");
    }

    @Test
    void parse_withGarbage_fails() {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        byte[] der = p256.publicKeyDer();
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
        for (byte[] bad : new byte[][] {new byte[0], {0x30, 0x00}, TestKeys.randomBytes(91), trailing}) {
            assertRefused(() -> AsymmetricPublicKey.parse(bad), Reason.INVALID_PUBLIC_KEY, "public key");
            assertRefused(() -> AsymmetricPrivateKey.parse(AsymmetricKeySpec.ECC_NIST_P256, Secret.copyOf(bad)),
                    Reason.INVALID_KEY_MATERIAL, "private key");
        }
    }

    @Test
    void parse_withKeyOfASpecKmsLacks_fails() throws Exception {
        KeyPairGenerator rsa1024 = KeyPairGenerator.getInstance("RSA");
        rsa1024.initialize(1024);
        byte[] x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
        for (byte[] der : new byte[][] {rsa1024.generateKeyPair().getPublic().getEncoded(), x25519}) {
            assertRefused(() -> AsymmetricPublicKey.parse(der), Reason.INVALID_PUBLIC_KEY,
                    "not of a key spec that KMS supports");
        }
    }

    @Test
    void generateDataKeyPair_withMlDsa_isRefused() throws Exception {
        assertRefused(() -> AsymmetricKeyPair.generateDataKeyPair(AsymmetricKeySpec.ML_DSA_44, TestKeys.RANDOM),
                Reason.INVALID_INPUT, "not a valid data key pair spec");
        try (AsymmetricKeyPair pair = AsymmetricKeyPair.generateDataKeyPair(AsymmetricKeySpec.ML_KEM_768,
                TestKeys.RANDOM)) {
            assertThat(pair.spec()).isEqualTo(AsymmetricKeySpec.ML_KEM_768);
        }
    }

    @Test
    void toString_ofKeysAndPairs_printsNoKeyMaterial() {
        AsymmetricKeyPair pair = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_EDWARDS25519);
        byte[] pkcs8 = pair.privateKeyPkcs8().revealBytes();
        byte[] seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);

        for (Object holder : new Object[] {pair, pair.privateKey(), pair.publicKey(), pair.privateKeyPkcs8()}) {
            String text = holder.toString();
            assertThat(text).doesNotContain(HexFormat.of().formatHex(seed))
                    .doesNotContain(Base64.getEncoder().encodeToString(seed))
                    .doesNotContain(Base64.getEncoder().encodeToString(pkcs8));
        }
        assertThat(pair.toString()).isEqualTo("AsymmetricKeyPair[ECC_NIST_EDWARDS25519, private key 48 bytes,"
                + " public key 44 bytes]");
        assertThat(pair.privateKey().toString()).isEqualTo("AsymmetricPrivateKey[ECC_NIST_EDWARDS25519]");
    }

    @Test
    void close_zeroesThePkcs8Bytes_butTheParsedKeyStillSigns() throws Exception {
        AsymmetricKeyPair pair = AsymmetricKeyPair.generate(AsymmetricKeySpec.ECC_NIST_P256, TestKeys.RANDOM);
        byte[] pkcs8 = pair.privateKeyPkcs8().revealBytes();

        pair.close();

        assertThat(pkcs8).containsOnly(0);
        assertThat(pair.privateKeyPkcs8().isDestroyed()).isTrue();
        byte[] signature = Signatures.sign(pair.privateKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                new byte[] {1}, TestKeys.RANDOM);
        assertThat(Signatures.verify(pair.publicKey(), SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW,
                new byte[] {1}, signature)).isTrue();
    }

    @Test
    void publicKeyDer_returnsACopy() {
        AsymmetricKeyPair pair = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        byte[] der = pair.publicKeyDer();
        der[0] ^= 1;
        assertThat(pair.publicKeyDer()[0]).isNotEqualTo(der[0]);
    }
}
