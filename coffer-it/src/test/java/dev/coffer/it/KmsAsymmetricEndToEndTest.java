package dev.coffer.it;

import static dev.coffer.it.KmsEndToEndTest.assertKmsError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;

/**
 * Asymmetric and HMAC keys through the real {@code KmsClient}, checked against the JDK (and BouncyCastle for
 * secp256k1): signatures cross-verify both ways, local RSA ciphertexts decrypt, ECDH secrets and ML-KEM
 * encapsulations agree.
 */
class KmsAsymmetricEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static KmsClient kms;

    @BeforeAll
    static void client() {
        kms = coffer.kms();
    }

    @AfterAll
    static void closeClient() {
        kms.close();
    }

    static String key(String spec, String usage) {
        return kms.createKey(r -> r.keySpec(spec).keyUsage(usage)).keyMetadata().keyId();
    }

    static SdkBytes bytes(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    static PublicKey publicKey(String keyId, String algorithm) throws Exception {
        byte[] der = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        // BouncyCastle for EC: the JDK no longer knows secp256k1.
        KeyFactory f = algorithm.equals("EC") ? KeyFactory.getInstance("EC", BC) : KeyFactory.getInstance(algorithm);
        return f.generatePublic(new X509EncodedKeySpec(der));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RSA_2048|ENCRYPT_DECRYPT|RSAES_OAEP_SHA_1,RSAES_OAEP_SHA_256|||||end",
        "RSA_3072|SIGN_VERIFY||RSASSA_PKCS1_V1_5_SHA_256,RSASSA_PKCS1_V1_5_SHA_384,RSASSA_PKCS1_V1_5_SHA_512,"
                + "RSASSA_PSS_SHA_256,RSASSA_PSS_SHA_384,RSASSA_PSS_SHA_512||||end",
        "RSA_4096|SIGN_VERIFY||RSASSA_PKCS1_V1_5_SHA_256,RSASSA_PKCS1_V1_5_SHA_384,RSASSA_PKCS1_V1_5_SHA_512,"
                + "RSASSA_PSS_SHA_256,RSASSA_PSS_SHA_384,RSASSA_PSS_SHA_512||||end",
        "ECC_NIST_P256|SIGN_VERIFY||ECDSA_SHA_256||||end",
        "ECC_NIST_P384|KEY_AGREEMENT|||ECDH|||end",
        "ECC_NIST_P521|SIGN_VERIFY||ECDSA_SHA_512||||end",
        "ECC_SECG_P256K1|SIGN_VERIFY||ECDSA_SHA_256||||end",
        "ECC_NIST_EDWARDS25519|SIGN_VERIFY||ED25519_SHA_512,ED25519_PH_SHA_512||||end",
        "ML_DSA_44|SIGN_VERIFY||ML_DSA_SHAKE_256||||end",
        "ML_DSA_65|SIGN_VERIFY||ML_DSA_SHAKE_256||||end",
        "ML_DSA_87|SIGN_VERIFY||ML_DSA_SHAKE_256||||end",
        "ML_KEM_512|ENCAPSULATE_DECAPSULATE|||||ML_KEM|end",
        "ML_KEM_768|ENCAPSULATE_DECAPSULATE|||||ML_KEM|end",
        "ML_KEM_1024|ENCAPSULATE_DECAPSULATE|||||ML_KEM|end",
        "HMAC_224|GENERATE_VERIFY_MAC||||HMAC_SHA_224||end",
        "HMAC_256|GENERATE_VERIFY_MAC||||HMAC_SHA_256||end",
        "HMAC_384|GENERATE_VERIFY_MAC||||HMAC_SHA_384||end",
        "HMAC_512|GENERATE_VERIFY_MAC||||HMAC_SHA_512||end",
    })
    void createKey_ofEverySpec_describesItsAlgorithms(String spec, String usage, String encryption, String signing,
            String agreement, String mac, String encapsulation, String end) {
        KeyMetadata m = kms.createKey(r -> r.keySpec(spec).keyUsage(usage)).keyMetadata();
        KeyMetadata d = kms.describeKey(r -> r.keyId(m.keyId())).keyMetadata();
        assertThat(d).isEqualTo(m);
        assertThat(d.keySpecAsString()).isEqualTo(spec);
        assertThat(d.keyUsageAsString()).isEqualTo(usage);
        assertThat(d.encryptionAlgorithmsAsStrings()).isEqualTo(list(encryption));
        assertThat(d.signingAlgorithmsAsStrings()).isEqualTo(list(signing));
        assertThat(d.keyAgreementAlgorithmsAsStrings()).isEqualTo(list(agreement));
        assertThat(d.macAlgorithmsAsStrings()).isEqualTo(list(mac));
        assertThat(d.encapsulationAlgorithmsAsStrings()).isEqualTo(list(encapsulation));
        assertThat(d.currentKeyMaterialId()).hasSize(64);
        if (!spec.startsWith("HMAC")) {
            GetPublicKeyResponse p = kms.getPublicKey(r -> r.keyId(m.arn()));
            assertThat(p.keyId()).isEqualTo(m.arn());
            assertThat(p.keySpecAsString()).isEqualTo(spec);
            assertThat(p.keyUsageAsString()).isEqualTo(usage);
            assertThat(p.publicKey().asByteArray()[0]).isEqualTo((byte) 0x30);
            assertThat(p.signingAlgorithmsAsStrings()).isEqualTo(list(signing));
            assertThat(p.encapsulationAlgorithmsAsStrings()).isEqualTo(list(encapsulation));
        } else {
            assertKmsError(() -> kms.getPublicKey(r -> r.keyId(m.keyId())), "UnsupportedOperationException");
        }
    }

    private static List<String> list(String csv) {
        return csv == null ? List.of() : List.of(csv.split(","));
    }

    @Test
    void createKey_withUsageTheSpecDoesNotAllow_failsWithValidation() {
        assertThat(kms.createKey(r -> r.keySpec("RSA_2048")).keyMetadata().keyUsageAsString())
                .isEqualTo("ENCRYPT_DECRYPT");
        assertKmsError(() -> kms.createKey(r -> r.keySpec("ECC_NIST_P256")), "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.keySpec("HMAC_256")), "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.keySpec("ECC_SECG_P256K1").keyUsage("KEY_AGREEMENT")),
                "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.keySpec("ML_KEM_768").keyUsage("SIGN_VERIFY")),
                "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.keySpec("ML_DSA_44").keyUsage("ENCRYPT_DECRYPT")),
                "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.keyUsage("GENERATE_VERIFY_MAC")), "ValidationException");
    }

    @Test
    void rotation_ofAsymmetricAndHmacKeys_isUnsupported() {
        for (String key : List.of(key("ECC_NIST_P256", "SIGN_VERIFY"), key("HMAC_256", "GENERATE_VERIFY_MAC"))) {
            assertKmsError(() -> kms.enableKeyRotation(r -> r.keyId(key)), "UnsupportedOperationException");
            assertKmsError(() -> kms.rotateKeyOnDemand(r -> r.keyId(key)), "UnsupportedOperationException");
            assertThat(kms.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "RSA_2048, RSASSA_PKCS1_V1_5_SHA_256, SHA256withRSA, RSA, SHA-256",
        "RSA_2048, RSASSA_PKCS1_V1_5_SHA_512, SHA512withRSA, RSA, SHA-512",
        "RSA_2048, RSASSA_PSS_SHA_256, PSS-SHA-256, RSA, SHA-256",
        "RSA_2048, RSASSA_PSS_SHA_384, PSS-SHA-384, RSA, SHA-384",
        "ECC_NIST_P256, ECDSA_SHA_256, SHA256withECDSA, EC, SHA-256",
        "ECC_NIST_P384, ECDSA_SHA_384, SHA384withECDSA, EC, SHA-384",
        "ECC_SECG_P256K1, ECDSA_SHA_256, SHA256withECDSA, EC, SHA-256",
    })
    void sign_verifiesWithTheJdk_andJdkSignatures_verifyWithKms(String spec, String algorithm, String jca,
            String keyAlgorithm, String hash) throws Exception {
        String key = key(spec, "SIGN_VERIFY");
        PublicKey pub = publicKey(key, keyAlgorithm);
        byte[] message = "sign me".getBytes(UTF_8);
        byte[] digest = MessageDigest.getInstance(hash).digest(message);

        byte[] raw = kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(message)).signingAlgorithm(algorithm))
                .signature().asByteArray();
        byte[] overDigest = kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(digest)).messageType("DIGEST")
                .signingAlgorithm(algorithm)).signature().asByteArray();
        assertThat(jdkVerify(jca, hash, pub, message, raw)).isTrue();
        assertThat(jdkVerify(jca, hash, pub, message, overDigest)).isTrue();

        byte[] tampered = raw.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThatThrownBy(() -> kms.verify(r -> r.keyId(key).message(SdkBytes.fromByteArray(message))
                .signature(SdkBytes.fromByteArray(tampered)).signingAlgorithm(algorithm)))
                .isInstanceOf(KmsInvalidSignatureException.class);
        assertThat(kms.verify(r -> r.keyId(key).message(SdkBytes.fromByteArray(digest)).messageType("DIGEST")
                .signature(SdkBytes.fromByteArray(raw)).signingAlgorithm(algorithm)).signatureValid()).isTrue();
        assertKmsError(() -> kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(new byte[5]))
                .messageType("DIGEST").signingAlgorithm(algorithm)), "ValidationException");
        assertKmsError(() -> kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(new byte[4097]))
                .signingAlgorithm(algorithm)), "ValidationException");
    }

    @Test
    void ed25519AndMlDsa_signaturesVerifyWithTheJdk() throws Exception {
        byte[] message = "post-quantum".getBytes(UTF_8);
        String ed = key("ECC_NIST_EDWARDS25519", "SIGN_VERIFY");
        byte[] edSig = kms.sign(r -> r.keyId(ed).message(SdkBytes.fromByteArray(message))
                .signingAlgorithm("ED25519_SHA_512")).signature().asByteArray();
        assertThat(jdkVerify("Ed25519", null, publicKey(ed, "Ed25519"), message, edSig)).isTrue();
        byte[] sha512 = MessageDigest.getInstance("SHA-512").digest(message);
        byte[] phSig = kms.sign(r -> r.keyId(ed).message(SdkBytes.fromByteArray(sha512)).messageType("DIGEST")
                .signingAlgorithm("ED25519_PH_SHA_512")).signature().asByteArray();
        assertThat(kms.verify(r -> r.keyId(ed).message(SdkBytes.fromByteArray(sha512)).messageType("DIGEST")
                .signature(SdkBytes.fromByteArray(phSig)).signingAlgorithm("ED25519_PH_SHA_512")).signatureValid())
                .isTrue();
        assertKmsError(() -> kms.sign(r -> r.keyId(ed).message(SdkBytes.fromByteArray(message)).messageType("DIGEST")
                .signingAlgorithm("ED25519_SHA_512")), "ValidationException");

        String ml = key("ML_DSA_44", "SIGN_VERIFY");
        byte[] mlSig = kms.sign(r -> r.keyId(ml).message(SdkBytes.fromByteArray(message))
                .signingAlgorithm("ML_DSA_SHAKE_256")).signature().asByteArray();
        PublicKey mlPub = KeyFactory.getInstance("ML-DSA").generatePublic(new X509EncodedKeySpec(
                kms.getPublicKey(r -> r.keyId(ml)).publicKey().asByteArray()));
        Signature v = Signature.getInstance("ML-DSA");
        v.initVerify(mlPub);
        v.update(message);
        assertThat(v.verify(mlSig)).isTrue();
        byte[] mu = new byte[64];
        mu[0] = 7;
        byte[] muSig = kms.sign(r -> r.keyId(ml).message(SdkBytes.fromByteArray(mu)).messageType("EXTERNAL_MU")
                .signingAlgorithm("ML_DSA_SHAKE_256")).signature().asByteArray();
        assertThat(kms.verify(r -> r.keyId(ml).message(SdkBytes.fromByteArray(mu)).messageType("EXTERNAL_MU")
                .signature(SdkBytes.fromByteArray(muSig)).signingAlgorithm("ML_DSA_SHAKE_256")).signatureValid())
                .isTrue();
    }

    @Test
    void sign_withWrongUsageOrAlgorithm_failsWithInvalidKeyUsage() {
        String encryptKey = key("RSA_2048", "ENCRYPT_DECRYPT");
        String ecKey = key("ECC_NIST_P256", "SIGN_VERIFY");
        String symmetric = kms.createKey(r -> { }).keyMetadata().keyId();
        assertKmsError(() -> kms.sign(r -> r.keyId(encryptKey).message(bytes("m"))
                .signingAlgorithm("RSASSA_PSS_SHA_256")), "InvalidKeyUsageException");
        assertKmsError(() -> kms.sign(r -> r.keyId(ecKey).message(bytes("m"))
                .signingAlgorithm("ECDSA_SHA_384")), "InvalidKeyUsageException");
        assertKmsError(() -> kms.sign(r -> r.keyId(symmetric).message(bytes("m"))
                .signingAlgorithm("ECDSA_SHA_256")), "InvalidKeyUsageException");
        assertKmsError(() -> kms.sign(r -> r.keyId(ecKey).message(bytes("m")).signingAlgorithm("NOPE")),
                "ValidationException");
        assertKmsError(() -> kms.sign(r -> r.keyId(ecKey).message(bytes("m"))), "ValidationException");
        assertKmsError(() -> kms.encrypt(r -> r.keyId(ecKey).plaintext(bytes("m"))), "InvalidKeyUsageException");
        kms.disableKey(r -> r.keyId(ecKey));
        assertKmsError(() -> kms.sign(r -> r.keyId(ecKey).message(bytes("m")).signingAlgorithm("ECDSA_SHA_256")),
                "DisabledException");
    }

    private static boolean jdkVerify(String jca, String hash, PublicKey key, byte[] message, byte[] signature)
            throws Exception {
        Signature v;
        if (jca.startsWith("PSS-")) {
            v = Signature.getInstance("RSASSA-PSS");
            int len = MessageDigest.getInstance(hash).getDigestLength();
            v.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), len, 1));
        } else {
            v = Signature.getInstance(jca, BC);
        }
        v.initVerify(key);
        v.update(message);
        return v.verify(signature);
    }

    @Test
    void rsaCiphertextsMadeLocally_decryptWithKms_andKmsCiphertextsRoundTrip() throws Exception {
        String key = key("RSA_2048", "ENCRYPT_DECRYPT");
        PublicKey pub = publicKey(key, "RSA");
        for (String algorithm : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256")) {
            String hash = algorithm.endsWith("256") ? "SHA-256" : "SHA-1";
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.ENCRYPT_MODE, pub, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    PSource.PSpecified.DEFAULT));
            byte[] local = c.doFinal("made locally".getBytes(UTF_8));
            var plain = kms.decrypt(r -> r.keyId(key).ciphertextBlob(SdkBytes.fromByteArray(local))
                    .encryptionAlgorithm(algorithm));
            assertThat(plain.plaintext().asUtf8String()).isEqualTo("made locally");
            assertThat(plain.encryptionAlgorithmAsString()).isEqualTo(algorithm);

            var enc = kms.encrypt(r -> r.keyId(key).plaintext(bytes("by kms")).encryptionAlgorithm(algorithm));
            assertThat(enc.ciphertextBlob().asByteArray()).hasSize(256);
            assertThat(kms.decrypt(r -> r.keyId(key).ciphertextBlob(enc.ciphertextBlob())
                    .encryptionAlgorithm(algorithm)).plaintext().asUtf8String()).isEqualTo("by kms");
        }
        assertKmsError(() -> kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[191]))
                .encryptionAlgorithm("RSAES_OAEP_SHA_256")), "ValidationException");
        assertThat(kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[190]))
                .encryptionAlgorithm("RSAES_OAEP_SHA_256")).ciphertextBlob()).isNotNull();
        assertKmsError(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))), "InvalidKeyUsageException");
        SdkBytes blob = kms.encrypt(r -> r.keyId(key).plaintext(bytes("x")).encryptionAlgorithm("RSAES_OAEP_SHA_1"))
                .ciphertextBlob();
        assertKmsError(() -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionAlgorithm("RSAES_OAEP_SHA_1")),
                "ValidationException");
        assertKmsError(() -> kms.decrypt(r -> r.keyId(key).ciphertextBlob(blob)
                .encryptionAlgorithm("RSAES_OAEP_SHA_256")), "InvalidCiphertextException");
        String symmetric = kms.createKey(r -> { }).keyMetadata().keyId();
        assertKmsError(() -> kms.encrypt(r -> r.keyId(symmetric).plaintext(bytes("x"))
                .encryptionAlgorithm("RSAES_OAEP_SHA_256")), "InvalidKeyUsageException");
        assertKmsError(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("x")).encryptionAlgorithm("RSAES_OAEP_SHA_1")
                .encryptionContext(Map.of("a", "b"))), "ValidationException");
    }

    @Test
    void reEncrypt_betweenSymmetricAndRsaKeys_roundTrips() {
        String rsa = key("RSA_2048", "ENCRYPT_DECRYPT");
        String symmetric = kms.createKey(r -> { }).keyMetadata().keyId();
        SdkBytes symBlob = kms.encrypt(r -> r.keyId(symmetric).plaintext(bytes("travels"))).ciphertextBlob();
        var toRsa = kms.reEncrypt(r -> r.ciphertextBlob(symBlob).destinationKeyId(rsa)
                .destinationEncryptionAlgorithm("RSAES_OAEP_SHA_256"));
        assertThat(toRsa.destinationEncryptionAlgorithmAsString()).isEqualTo("RSAES_OAEP_SHA_256");
        assertThat(toRsa.sourceEncryptionAlgorithmAsString()).isEqualTo("SYMMETRIC_DEFAULT");
        var back = kms.reEncrypt(r -> r.ciphertextBlob(toRsa.ciphertextBlob()).sourceKeyId(rsa)
                .sourceEncryptionAlgorithm("RSAES_OAEP_SHA_256").destinationKeyId(symmetric)
                .destinationEncryptionContext(Map.of("k", "v")));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(back.ciphertextBlob()).encryptionContext(Map.of("k", "v")))
                .plaintext().asUtf8String()).isEqualTo("travels");
        assertThat(back.sourceKeyId()).endsWith(rsa);
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048, RSA", "ECC_NIST_P256, EC", "ECC_NIST_EDWARDS25519, Ed25519", "ML_KEM_768, ML-KEM"})
    void generateDataKeyPair_privateKeyDecryptsToThePlaintext_andMatchesThePublicKey(String spec, String algorithm)
            throws Exception {
        String wrapping = kms.createKey(r -> { }).keyMetadata().keyId();
        Map<String, String> ctx = Map.of("purpose", "pair");
        GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(r -> r.keyId(wrapping).keyPairSpec(spec)
                .encryptionContext(ctx));
        assertThat(pair.keyPairSpecAsString()).isEqualTo(spec);
        assertThat(pair.keyId()).endsWith(wrapping);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob()).encryptionContext(ctx))
                .plaintext()).isEqualTo(pair.privateKeyPlaintext());
        KeyFactory f = KeyFactory.getInstance(algorithm);
        PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(pair.privateKeyPlaintext().asByteArray()));
        PublicKey pub = f.generatePublic(new X509EncodedKeySpec(pair.publicKey().asByteArray()));
        if (algorithm.equals("ML-KEM")) {
            KEM.Encapsulated e = KEM.getInstance("ML-KEM").newEncapsulator(pub).encapsulate();
            assertThat(KEM.getInstance("ML-KEM").newDecapsulator(priv).decapsulate(e.encapsulation()).getEncoded())
                    .isEqualTo(e.key().getEncoded());
        } else {
            String jca = switch (algorithm) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> "Ed25519";
            };
            Signature s = Signature.getInstance(jca);
            s.initSign(priv);
            s.update(new byte[] {1, 2, 3});
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(new byte[] {1, 2, 3});
            assertThat(s.verify(sig)).isTrue();
        }
        var without = kms.generateDataKeyPairWithoutPlaintext(r -> r.keyId(wrapping).keyPairSpec(spec));
        assertThat(without.privateKeyCiphertextBlob()).isNotNull();
        assertThat(without.publicKey()).isNotNull();
    }

    @Test
    void generateDataKeyPair_withBadSpecOrNonSymmetricKey_fails() {
        String wrapping = kms.createKey(r -> { }).keyMetadata().keyId();
        String rsa = key("RSA_2048", "ENCRYPT_DECRYPT");
        assertKmsError(() -> kms.generateDataKeyPair(r -> r.keyId(wrapping).keyPairSpec("ML_DSA_44")),
                "ValidationException");
        assertKmsError(() -> kms.generateDataKeyPair(r -> r.keyId(wrapping)), "ValidationException");
        assertKmsError(() -> kms.generateDataKeyPair(r -> r.keyId(rsa).keyPairSpec("ECC_NIST_P256")),
                "InvalidKeyUsageException");
    }

    @Test
    void generateMac_verifiesWithVerifyMac_andAnyOtherTagFails() {
        String key = key("HMAC_256", "GENERATE_VERIFY_MAC");
        var mac = kms.generateMac(r -> r.keyId(key).message(bytes("tag me")).macAlgorithm("HMAC_SHA_256"));
        assertThat(mac.mac().asByteArray()).hasSize(32);
        assertThat(mac.macAlgorithmAsString()).isEqualTo("HMAC_SHA_256");
        assertThat(kms.generateMac(r -> r.keyId(key).message(bytes("tag me")).macAlgorithm("HMAC_SHA_256")).mac())
                .isEqualTo(mac.mac());
        assertThat(kms.verifyMac(r -> r.keyId(key).message(bytes("tag me")).mac(mac.mac())
                .macAlgorithm("HMAC_SHA_256")).macValid()).isTrue();
        assertThatThrownBy(() -> kms.verifyMac(r -> r.keyId(key).message(bytes("tag you")).mac(mac.mac())
                .macAlgorithm("HMAC_SHA_256"))).isInstanceOf(KmsInvalidMacException.class);
        assertKmsError(() -> kms.generateMac(r -> r.keyId(key).message(bytes("m")).macAlgorithm("HMAC_SHA_512")),
                "InvalidKeyUsageException");
        String symmetric = kms.createKey(r -> { }).keyMetadata().keyId();
        assertKmsError(() -> kms.generateMac(r -> r.keyId(symmetric).message(bytes("m")).macAlgorithm("HMAC_SHA_256")),
                "InvalidKeyUsageException");
        assertKmsError(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("m"))), "InvalidKeyUsageException");
        assertKmsError(() -> kms.generateMac(r -> r.keyId(key).message(SdkBytes.fromByteArray(new byte[4097]))
                .macAlgorithm("HMAC_SHA_256")), "ValidationException");
    }

    @ParameterizedTest
    @CsvSource({"ECC_NIST_P256, secp256r1", "ECC_NIST_P521, secp521r1"})
    void deriveSharedSecret_matchesALocallyComputedOne(String spec, String curve) throws Exception {
        String key = key(spec, "KEY_AGREEMENT");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair local = g.generateKeyPair();
        var r = kms.deriveSharedSecret(b -> b.keyId(key).keyAgreementAlgorithm("ECDH")
                .publicKey(SdkBytes.fromByteArray(local.getPublic().getEncoded())));
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(local.getPrivate());
        ka.doPhase(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                kms.getPublicKey(b -> b.keyId(key)).publicKey().asByteArray())), true);
        assertThat(r.sharedSecret().asByteArray()).isEqualTo(ka.generateSecret());
        assertThat(r.keyAgreementAlgorithmAsString()).isEqualTo("ECDH");
        assertThat(r.keyOriginAsString()).isEqualTo("AWS_KMS");

        KeyPairGenerator other = KeyPairGenerator.getInstance("EC");
        other.initialize(new ECGenParameterSpec(curve.equals("secp256r1") ? "secp384r1" : "secp256r1"));
        byte[] wrongCurve = other.generateKeyPair().getPublic().getEncoded();
        assertKmsError(() -> kms.deriveSharedSecret(b -> b.keyId(key).keyAgreementAlgorithm("ECDH")
                .publicKey(SdkBytes.fromByteArray(wrongCurve))), "ValidationException");
        String signing = key(spec, "SIGN_VERIFY");
        assertKmsError(() -> kms.deriveSharedSecret(b -> b.keyId(signing).keyAgreementAlgorithm("ECDH")
                .publicKey(SdkBytes.fromByteArray(local.getPublic().getEncoded()))), "InvalidKeyUsageException");
    }

    @Test
    void mlKem_localEncapsulationsDecapsulateThroughKms_andKmsEncapsulationsToo() throws Exception {
        String key = key("ML_KEM_768", "ENCAPSULATE_DECAPSULATE");
        PublicKey pub = KeyFactory.getInstance("ML-KEM").generatePublic(new X509EncodedKeySpec(
                kms.getPublicKey(r -> r.keyId(key)).publicKey().asByteArray()));
        KEM.Encapsulated local = KEM.getInstance("ML-KEM").newEncapsulator(pub).encapsulate();
        var dec = kms.decapsulate(r -> r.keyId(key).encapsulationAlgorithm("ML_KEM")
                .sharedSecretCiphertextBlob(SdkBytes.fromByteArray(local.encapsulation())));
        assertThat(dec.sharedSecret().asByteArray()).isEqualTo(local.key().getEncoded());

        var enc = kms.encapsulate(r -> r.keyId(key).encapsulationAlgorithm("ML_KEM"));
        assertThat(enc.sharedSecret().asByteArray()).hasSize(32);
        assertThat(enc.sharedSecretCiphertextBlob().asByteArray()).hasSize(1088);
        assertThat(kms.decapsulate(r -> r.keyId(key).encapsulationAlgorithm("ML_KEM")
                .sharedSecretCiphertextBlob(enc.sharedSecretCiphertextBlob())).sharedSecret())
                .isEqualTo(enc.sharedSecret());
        assertKmsError(() -> kms.decapsulate(r -> r.keyId(key).encapsulationAlgorithm("ML_KEM")
                .sharedSecretCiphertextBlob(SdkBytes.fromByteArray(new byte[10]))), "InvalidCiphertextException");
        String signing = key("ECC_NIST_P256", "SIGN_VERIFY");
        assertKmsError(() -> kms.encapsulate(r -> r.keyId(signing).encapsulationAlgorithm("ML_KEM")),
                "InvalidKeyUsageException");
    }
}
