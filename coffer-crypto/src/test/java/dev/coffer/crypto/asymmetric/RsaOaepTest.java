package dev.coffer.crypto.asymmetric;

import static dev.coffer.crypto.asymmetric.SignaturesRulesTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RsaOaepTest {
    private static final AsymmetricKeyPair RSA = TestKeys.pair(AsymmetricKeySpec.RSA_2048);

    /** What a client does with the public key from GetPublicKey, written with the JDK alone. */
    private static Cipher jdkCipher(int mode, String hash, String mgfHash, java.security.Key key) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(mode, key, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash),
                PSource.PSpecified.DEFAULT));
        return cipher;
    }

    private static String hash(AsymmetricEncryptionAlgorithm algorithm) {
        return algorithm == AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1 ? "SHA-1" : "SHA-256";
    }

    @ParameterizedTest
    @EnumSource(AsymmetricEncryptionAlgorithm.class)
    void decrypt_ofJdkCiphertextFromThePublicKeyDer_givesThePlaintext(AsymmetricEncryptionAlgorithm algorithm)
            throws Exception {
        byte[] plaintext = TestKeys.randomBytes(100);
        byte[] ciphertext = jdkCipher(Cipher.ENCRYPT_MODE, hash(algorithm), hash(algorithm),
                Reference.publicKey(RSA.spec(), RSA.publicKeyDer())).doFinal(plaintext);

        assertThat(RsaOaep.decrypt(RSA.privateKey(), algorithm, ciphertext)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @EnumSource(AsymmetricEncryptionAlgorithm.class)
    void encrypt_atTheLargestPlaintext_decryptsWithTheJdk(AsymmetricEncryptionAlgorithm algorithm) throws Exception {
        byte[] plaintext = TestKeys.randomBytes(algorithm.maxPlaintextBytes(RSA.spec()));

        byte[] ciphertext = RsaOaep.encrypt(RSA.publicKey(), algorithm, plaintext, TestKeys.RANDOM);

        assertThat(ciphertext).hasSize(256);
        assertThat(jdkCipher(Cipher.DECRYPT_MODE, hash(algorithm), hash(algorithm),
                Reference.privateKey(RSA.spec(), RSA.privateKeyPkcs8())).doFinal(ciphertext)).isEqualTo(plaintext);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"RSA_3072, RSAES_OAEP_SHA_1", "RSA_4096, RSAES_OAEP_SHA_256"})
    void encrypt_atTheLargestPlaintext_roundTripsForLargerKeys(AsymmetricKeySpec spec,
            AsymmetricEncryptionAlgorithm algorithm) throws Exception {
        AsymmetricKeyPair pair = TestKeys.pair(spec);
        byte[] plaintext = TestKeys.randomBytes(algorithm.maxPlaintextBytes(spec));
        byte[] ciphertext = RsaOaep.encrypt(pair.publicKey(), algorithm, plaintext, TestKeys.RANDOM);
        assertThat(RsaOaep.decrypt(pair.privateKey(), algorithm, ciphertext)).isEqualTo(plaintext);
        assertRefused(() -> RsaOaep.encrypt(pair.publicKey(), algorithm, new byte[plaintext.length + 1],
                TestKeys.RANDOM), Reason.INVALID_INPUT, "1 to " + plaintext.length + " bytes");
    }

    @Test
    void encrypt_overTheLimitOrEmpty_failsWithInvalidInput() {
        assertRefused(() -> RsaOaep.encrypt(RSA.publicKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1,
                new byte[215], TestKeys.RANDOM), Reason.INVALID_INPUT, "must be 1 to 214 bytes, got 215");
        assertRefused(() -> RsaOaep.encrypt(RSA.publicKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256,
                new byte[191], TestKeys.RANDOM), Reason.INVALID_INPUT, "must be 1 to 190 bytes, got 191");
        assertRefused(() -> RsaOaep.encrypt(RSA.publicKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256,
                new byte[0], TestKeys.RANDOM), Reason.INVALID_INPUT, "got 0");
    }

    @Test
    void decrypt_whenMgf1UsedAnotherHash_failsWithInvalidCiphertext() throws Exception {
        // KMS's RSAES_OAEP_SHA_256 uses SHA-256 in MGF1 too; the JDK's default OAEP uses SHA-1 there.
        byte[] ciphertext = jdkCipher(Cipher.ENCRYPT_MODE, "SHA-256", "SHA-1",
                Reference.publicKey(RSA.spec(), RSA.publicKeyDer())).doFinal(new byte[] {1, 2, 3});
        assertRefused(() -> RsaOaep.decrypt(RSA.privateKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256,
                ciphertext), Reason.INVALID_CIPHERTEXT, "ciphertext is invalid");
    }

    @Test
    void decrypt_withTamperedWrongAlgorithmOrWrongLengthCiphertext_failsWithOneMessage() throws Exception {
        byte[] ciphertext = RsaOaep.encrypt(RSA.publicKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1,
                new byte[] {42}, TestKeys.RANDOM);
        for (byte[] bad : new byte[][] {TestKeys.flipBit(ciphertext, 100), java.util.Arrays.copyOf(ciphertext, 255),
                java.util.Arrays.copyOf(ciphertext, 257), new byte[0]}) {
            assertRefused(() -> RsaOaep.decrypt(RSA.privateKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1,
                    bad), Reason.INVALID_CIPHERTEXT, "The ciphertext is invalid for this key and encryption");
        }
        assertRefused(() -> RsaOaep.decrypt(RSA.privateKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256,
                ciphertext), Reason.INVALID_CIPHERTEXT, "The ciphertext is invalid for this key and encryption");
    }

    @Test
    void encrypt_withANonRsaKey_failsWithIncompatibleAlgorithm() {
        AsymmetricKeyPair p256 = TestKeys.pair(AsymmetricKeySpec.ECC_NIST_P256);
        assertRefused(() -> RsaOaep.encrypt(p256.publicKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_256,
                new byte[] {1}, TestKeys.RANDOM), Reason.INCOMPATIBLE_ALGORITHM, "ECC_NIST_P256");
        assertRefused(() -> RsaOaep.decrypt(p256.privateKey(), AsymmetricEncryptionAlgorithm.RSAES_OAEP_SHA_1,
                new byte[64]), Reason.INCOMPATIBLE_ALGORITHM, "ECC_NIST_P256");
    }
}
