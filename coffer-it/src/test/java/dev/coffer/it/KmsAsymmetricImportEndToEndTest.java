package dev.coffer.it;

import static dev.coffer.it.KmsEndToEndTest.assertKmsError;
import static dev.coffer.it.KmsImportEndToEndTest.wrap;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.it.KmsSchedulerEndToEndTest.MovableClock;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Cipher;
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
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Asymmetric key pairs made locally with the JDK (BouncyCastle for secp256k1) and imported as PKCS#8 through the real
 * {@code KmsClient}: signatures cross-verify both ways, GetPublicKey returns the local public key, local RSA-OAEP
 * ciphertexts decrypt, and the import errors are AWS's.
 */
class KmsAsymmetricImportEndToEndTest {
    private static final MovableClock CLOCK = new MovableClock();
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension(CLOCK);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final byte[] MESSAGE = "signed by an imported key".getBytes(UTF_8);
    private static KmsClient kms;

    @BeforeAll
    static void client() {
        kms = coffer.kms();
    }

    @AfterAll
    static void closeClient() {
        kms.close();
    }

    static KeyPair localPair(String spec) throws GeneralSecurityException {
        KeyPairGenerator g;
        if (spec.startsWith("RSA_")) {
            g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(Integer.parseInt(spec.substring("RSA_".length())),
                    RSAKeyGenParameterSpec.F4));
        } else if (spec.equals("ECC_SECG_P256K1")) {
            g = KeyPairGenerator.getInstance("EC", BC); // the JDK no longer knows secp256k1
            g.initialize(new ECGenParameterSpec("secp256k1"));
        } else {
            g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(switch (spec) {
                case "ECC_NIST_P256" -> "secp256r1";
                case "ECC_NIST_P384" -> "secp384r1";
                default -> "secp521r1";
            }));
        }
        return g.generateKeyPair();
    }

    private static String external(String spec, String usage) {
        return kms.createKey(r -> r.origin("EXTERNAL").keySpec(spec).keyUsage(usage)).keyMetadata().keyId();
    }

    private static GetParametersForImportResponse parameters(String key, String algorithm, String wrappingKeySpec) {
        return kms.getParametersForImport(r -> r.keyId(key).wrappingAlgorithm(algorithm)
                .wrappingKeySpec(wrappingKeySpec));
    }

    private static String importPkcs8(String key, String algorithm, byte[] pkcs8) {
        GetParametersForImportResponse p = parameters(key, algorithm, "RSA_3072");
        return kms.importKeyMaterial(r -> r.keyId(key).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, algorithm, pkcs8)))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)).keyMaterialId();
    }

    private static Signature signature(String spec, String jcaAlgorithm) throws GeneralSecurityException {
        return spec.equals("ECC_SECG_P256K1") ? Signature.getInstance(jcaAlgorithm, BC)
                : Signature.getInstance(jcaAlgorithm);
    }

    @ParameterizedTest
    @CsvSource({
        "RSA_2048, RSA_AES_KEY_WRAP_SHA_256, RSASSA_PKCS1_V1_5_SHA_256, SHA256withRSA",
        "RSA_4096, RSA_AES_KEY_WRAP_SHA_1, RSASSA_PKCS1_V1_5_SHA_512, SHA512withRSA",
        "ECC_NIST_P256, RSAES_OAEP_SHA_256, ECDSA_SHA_256, SHA256withECDSA",
        "ECC_NIST_P384, RSA_AES_KEY_WRAP_SHA_256, ECDSA_SHA_384, SHA384withECDSA",
        "ECC_NIST_P521, RSAES_OAEP_SHA_1, ECDSA_SHA_512, SHA512withECDSA",
        "ECC_SECG_P256K1, RSAES_OAEP_SHA_256, ECDSA_SHA_256, SHA256withECDSA",
    })
    void importedSigningKey_verifiesLocalSignatures_andSignsVerifiably(String spec, String wrapping,
            String algorithm, String jca) throws Exception {
        String key = external(spec, "SIGN_VERIFY");
        KeyMetadata pending = kms.describeKey(r -> r.keyId(key)).keyMetadata();
        assertThat(pending.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(pending.signingAlgorithmsAsStrings()).contains(algorithm);
        assertKmsError(() -> kms.getPublicKey(r -> r.keyId(key)), "KMSInvalidStateException");

        KeyPair local = localPair(spec);
        String materialId = importPkcs8(key, wrapping, local.getPrivate().getEncoded());
        KeyMetadata enabled = kms.describeKey(r -> r.keyId(key)).keyMetadata();
        assertThat(enabled.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(enabled.currentKeyMaterialId()).isEqualTo(materialId);
        assertThat(kms.getPublicKey(r -> r.keyId(key)).publicKey().asByteArray())
                .isEqualTo(local.getPublic().getEncoded());

        Signature jdk = signature(spec, jca);
        jdk.initSign(local.getPrivate());
        jdk.update(MESSAGE);
        byte[] localSignature = jdk.sign();
        assertThat(kms.verify(r -> r.keyId(key).message(SdkBytes.fromByteArray(MESSAGE))
                .signature(SdkBytes.fromByteArray(localSignature)).signingAlgorithm(algorithm)).signatureValid())
                .isTrue();

        byte[] kmsSignature = kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(algorithm)).signature().asByteArray();
        jdk.initVerify(local.getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(kmsSignature)).isTrue();
    }

    @Test
    void importedRsaEncryptionKey_decryptsLocalOaepCiphertexts() throws Exception {
        String key = external("RSA_2048", "ENCRYPT_DECRYPT");
        KeyPair local = localPair("RSA_2048");
        importPkcs8(key, "RSA_AES_KEY_WRAP_SHA_256", local.getPrivate().getEncoded());
        assertThat(kms.getPublicKey(r -> r.keyId(key)).publicKey().asByteArray())
                .isEqualTo(local.getPublic().getEncoded());
        for (String hash : new String[] {"SHA-1", "SHA-256"}) {
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, local.getPublic(), new OAEPParameterSpec(hash, "MGF1",
                    new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT));
            byte[] ciphertext = oaep.doFinal(MESSAGE);
            String algorithm = hash.equals("SHA-1") ? "RSAES_OAEP_SHA_1" : "RSAES_OAEP_SHA_256";
            assertThat(kms.decrypt(r -> r.keyId(key).encryptionAlgorithm(algorithm)
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))).plaintext().asByteArray())
                    .isEqualTo(MESSAGE);
        }
    }

    @Test
    void onlyTheSameKeyReimports_andDeletionMakesTheKeyUnusable() throws Exception {
        String key = external("ECC_NIST_P256", "SIGN_VERIFY");
        KeyPair local = localPair("ECC_NIST_P256");
        String materialId = importPkcs8(key, "RSAES_OAEP_SHA_256", local.getPrivate().getEncoded());
        byte[] before = kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm("ECDSA_SHA_256")).signature().asByteArray();
        byte[] other = localPair("ECC_NIST_P256").getPrivate().getEncoded();

        assertKmsError(() -> importPkcs8(key, "RSAES_OAEP_SHA_256", other), "IncorrectKeyMaterialException");
        assertThat(kms.deleteImportedKeyMaterial(r -> r.keyId(key)).keyMaterialId()).isEqualTo(materialId);
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertKmsError(() -> kms.getPublicKey(r -> r.keyId(key)), "KMSInvalidStateException");
        assertKmsError(() -> kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm("ECDSA_SHA_256")), "KMSInvalidStateException");
        assertKmsError(() -> importPkcs8(key, "RSAES_OAEP_SHA_256", other), "IncorrectKeyMaterialException");

        // The same key again, now wrapped the other way: accepted, and old signatures verify.
        assertThat(importPkcs8(key, "RSA_AES_KEY_WRAP_SHA_1", local.getPrivate().getEncoded())).isEqualTo(materialId);
        assertThat(kms.verify(r -> r.keyId(key).message(SdkBytes.fromByteArray(MESSAGE))
                .signature(SdkBytes.fromByteArray(before)).signingAlgorithm("ECDSA_SHA_256")).signatureValid())
                .isTrue();
    }

    @Test
    void materialOfAnotherSpec_isIncorrectKeyMaterial() throws Exception {
        String p256 = external("ECC_NIST_P256", "SIGN_VERIFY");
        String rsa = external("RSA_2048", "SIGN_VERIFY");
        byte[] p384 = localPair("ECC_NIST_P384").getPrivate().getEncoded();
        byte[] rsa3072 = localPair("RSA_3072").getPrivate().getEncoded();
        byte[] rsa2048 = localPair("RSA_2048").getPrivate().getEncoded();

        assertKmsError(() -> importPkcs8(p256, "RSA_AES_KEY_WRAP_SHA_256", p384), "IncorrectKeyMaterialException");
        assertKmsError(() -> importPkcs8(p256, "RSA_AES_KEY_WRAP_SHA_256", rsa2048), "IncorrectKeyMaterialException");
        assertKmsError(() -> importPkcs8(rsa, "RSA_AES_KEY_WRAP_SHA_256", rsa3072), "IncorrectKeyMaterialException");
        assertKmsError(() -> importPkcs8(rsa, "RSA_AES_KEY_WRAP_SHA_256", new byte[32]),
                "IncorrectKeyMaterialException");
        assertThat(kms.describeKey(r -> r.keyId(p256)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(kms.describeKey(r -> r.keyId(rsa)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    @Test
    void wrappingAlgorithmsAndSpecs_thatAwsRefuses_areRefused() {
        String rsa = external("RSA_2048", "SIGN_VERIFY");
        String p521 = external("ECC_NIST_P521", "SIGN_VERIFY");
        // An RSA private key is longer than RSA-OAEP can carry; a P-521 one does not fit RSA_2048's.
        assertKmsError(() -> parameters(rsa, "RSAES_OAEP_SHA_256", "RSA_4096"), "UnsupportedOperationException");
        assertKmsError(() -> parameters(p521, "RSAES_OAEP_SHA_1", "RSA_2048"), "UnsupportedOperationException");
        assertThat(parameters(p521, "RSAES_OAEP_SHA_1", "RSA_4096").publicKey().asByteArray()).isNotEmpty();
        // AWS: "Importing ML-DSA keys is not supported"; Ed25519 and ML-KEM are not importable specs either.
        assertKmsError(() -> external("ML_DSA_44", "SIGN_VERIFY"), "UnsupportedOperationException");
        assertKmsError(() -> external("ECC_NIST_EDWARDS25519", "SIGN_VERIFY"), "UnsupportedOperationException");
        assertKmsError(() -> external("ML_KEM_768", "ENCAPSULATE_DECAPSULATE"), "UnsupportedOperationException");
    }

    @Test
    void importToken_expiresAfter24Hours() throws Exception {
        String key = external("ECC_NIST_P256", "SIGN_VERIFY");
        GetParametersForImportResponse p = parameters(key, "RSAES_OAEP_SHA_256", "RSA_2048");
        byte[] wrapped = wrap(p, "RSAES_OAEP_SHA_256", localPair("ECC_NIST_P256").getPrivate().getEncoded());
        // The server's clock and the request's signing clock move together, 25 hours on.
        CLOCK.advance(Duration.ofHours(25));
        try {
            RawRequests raw = new RawRequests(coffer);
            String body = "{\"KeyId\":\"" + key + "\",\"ImportToken\":\""
                    + Base64.getEncoder().encodeToString(p.importToken().asByteArray())
                    + "\",\"EncryptedKeyMaterial\":\"" + Base64.getEncoder().encodeToString(wrapped)
                    + "\",\"ExpirationModel\":\"KEY_MATERIAL_DOES_NOT_EXPIRE\"}";
            RawRequests.Response late = raw.send(raw.sign(raw.request(SdkHttpMethod.POST, "/")
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", "TrentService.ImportKeyMaterial").build(), body.getBytes(UTF_8),
                    s -> s.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms").putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), Duration.ofHours(25)))));
            assertThat(late.errorCode()).isEqualTo("ExpiredImportTokenException");
        } finally {
            CLOCK.reset();
        }
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }
}
