package dev.coffer.it;

import static dev.coffer.it.KmsEndToEndTest.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.it.KmsSchedulerEndToEndTest.MovableClock;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ExpirationModelType;
import software.amazon.awssdk.services.kms.model.GetParametersForImportResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/** Imported key material (Origin EXTERNAL) through the real {@code KmsClient}, wrapped locally with the JDK. */
class KmsImportEndToEndTest {
    private static final MovableClock CLOCK = new MovableClock();
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension(CLOCK);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static KmsClient kms;

    @BeforeAll
    static void client() {
        kms = coffer.kms();
    }

    @AfterAll
    static void closeClient() {
        kms.close();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Wraps {@code material} as the KMS wrapping algorithm does. */
    static byte[] wrap(GetParametersForImportResponse p, String algorithm, byte[] material) {
        try {
            return wrapOrThrow(p, algorithm, material);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] wrapOrThrow(GetParametersForImportResponse p, String algorithm, byte[] material)
            throws java.security.GeneralSecurityException {
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p.publicKey().asByteArray()));
        String hash = algorithm.endsWith("SHA_256") ? "SHA-256" : "SHA-1";
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, pub, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                PSource.PSpecified.DEFAULT));
        if (algorithm.startsWith("RSAES_OAEP")) {
            return oaep.doFinal(material);
        }
        byte[] aes = random(32);
        byte[] head = oaep.doFinal(aes);
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"));
        byte[] tail = kwp.doFinal(material);
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static GetParametersForImportResponse parameters(String key, String algorithm) {
        return kms.getParametersForImport(r -> r.keyId(key).wrappingAlgorithm(algorithm).wrappingKeySpec("RSA_2048"));
    }

    @Test
    void importedSymmetricMaterial_encryptsAndDecrypts_andOnlyTheSameMaterialReimports() throws Exception {
        KeyMetadata m = kms.createKey(r -> r.origin("EXTERNAL")).keyMetadata();
        assertThat(m.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(m.originAsString()).isEqualTo("EXTERNAL");
        assertKmsError(() -> kms.encrypt(r -> r.keyId(m.keyId()).plaintext(SdkBytes.fromUtf8String("x"))),
                "KMSInvalidStateException");

        byte[] material = random(32);
        for (String algorithm : new String[] {"RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_256"}) {
            GetParametersForImportResponse p = parameters(m.keyId(), algorithm);
            assertThat(p.parametersValidTo()).isAfter(Instant.now().plus(Duration.ofHours(23)));
            var imported = kms.importKeyMaterial(r -> r.keyId(m.keyId()).importToken(p.importToken())
                    .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, algorithm, material)))
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
            assertThat(imported.keyMaterialId()).hasSize(64);
        }
        KeyMetadata after = kms.describeKey(r -> r.keyId(m.keyId())).keyMetadata();
        assertThat(after.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(after.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE);
        SdkBytes blob = kms.encrypt(r -> r.keyId(m.keyId()).plaintext(SdkBytes.fromUtf8String("imported")))
                .ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("imported");

        GetParametersForImportResponse p = parameters(m.keyId(), "RSAES_OAEP_SHA_1");
        assertKmsError(() -> kms.importKeyMaterial(r -> r.keyId(m.keyId()).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, "RSAES_OAEP_SHA_1", random(32))))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)), "IncorrectKeyMaterialException");

        var deleted = kms.deleteImportedKeyMaterial(r -> r.keyId(m.keyId()));
        assertThat(deleted.keyMaterialId()).isEqualTo(after.currentKeyMaterialId());
        assertThat(kms.describeKey(r -> r.keyId(m.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertKmsError(() -> kms.decrypt(r -> r.ciphertextBlob(blob)), "KMSInvalidStateException");
        assertKmsError(() -> kms.importKeyMaterial(r -> r.keyId(m.keyId()).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, "RSAES_OAEP_SHA_1", random(32))))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)), "IncorrectKeyMaterialException");
        kms.importKeyMaterial(r -> r.keyId(m.keyId()).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, "RSAES_OAEP_SHA_1", material)))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("imported");
    }

    @Test
    void importedMaterial_pastItsValidTo_isDeletedByTheScheduler() throws Exception {
        String key = kms.createKey(r -> r.origin("EXTERNAL")).keyMetadata().keyId();
        GetParametersForImportResponse p = parameters(key, "RSAES_OAEP_SHA_256");
        Instant validTo = Instant.now().plus(Duration.ofDays(2));
        kms.importKeyMaterial(r -> r.keyId(key).importToken(p.importToken()).validTo(validTo)
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, "RSAES_OAEP_SHA_256", random(32)))));
        KeyMetadata m = kms.describeKey(r -> r.keyId(key)).keyMetadata();
        assertThat(m.expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_EXPIRES);
        assertThat(m.validTo()).isEqualTo(validTo.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        CLOCK.advance(Duration.ofDays(3));
        try {
            assertThat(coffer.node().runKmsScheduler().rotated()).isGreaterThanOrEqualTo(0);
        } finally {
            CLOCK.reset();
        }
        KeyMetadata expired = kms.describeKey(r -> r.keyId(key)).keyMetadata();
        assertThat(expired.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(expired.validTo()).isNull();
    }

    @Test
    void importToken_expiresAfter24Hours_andBadInputFails() throws Exception {
        String key = kms.createKey(r -> r.origin("EXTERNAL")).keyMetadata().keyId();
        GetParametersForImportResponse p = parameters(key, "RSAES_OAEP_SHA_256");
        byte[] wrapped = wrap(p, "RSAES_OAEP_SHA_256", random(32));
        // The server's clock and the request's signing clock move together, 25 hours on.
        CLOCK.advance(Duration.ofHours(25));
        try {
            RawRequests raw = new RawRequests(coffer);
            String body = "{\"KeyId\":\"" + key + "\",\"ImportToken\":\""
                    + java.util.Base64.getEncoder().encodeToString(p.importToken().asByteArray())
                    + "\",\"EncryptedKeyMaterial\":\"" + java.util.Base64.getEncoder().encodeToString(wrapped)
                    + "\",\"ExpirationModel\":\"KEY_MATERIAL_DOES_NOT_EXPIRE\"}";
            RawRequests.Response late = raw.send(raw.sign(raw.request(SdkHttpMethod.POST, "/")
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", "TrentService.ImportKeyMaterial").build(),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    s -> s.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms").putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), Duration.ofHours(25)))));
            assertThat(late.errorCode()).isEqualTo("ExpiredImportTokenException");
        } finally {
            CLOCK.reset();
        }
        assertKmsError(() -> kms.importKeyMaterial(r -> r.keyId(key).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped))), "ValidationException");
        assertKmsError(() -> kms.importKeyMaterial(r -> r.keyId(key).importToken(SdkBytes.fromUtf8String("nope"))
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrapped))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)), "InvalidImportTokenException");
        byte[] garbage = random(256);
        assertKmsError(() -> kms.importKeyMaterial(r -> r.keyId(key).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(garbage))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)), "InvalidCiphertextException");
        GetParametersForImportResponse p2 = parameters(key, "RSAES_OAEP_SHA_256");
        assertKmsError(() -> kms.importKeyMaterial(r -> r.keyId(key).importToken(p2.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p2, "RSAES_OAEP_SHA_256", random(16))))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE)), "IncorrectKeyMaterialException");
        String native_ = kms.createKey(r -> { }).keyMetadata().keyId();
        assertKmsError(() -> parameters(native_, "RSAES_OAEP_SHA_256"), "UnsupportedOperationException");
        assertKmsError(() -> kms.deleteImportedKeyMaterial(r -> r.keyId(native_)), "UnsupportedOperationException");
        assertKmsError(() -> kms.getParametersForImport(r -> r.keyId(key).wrappingAlgorithm("RSAES_OAEP_SHA_256")),
                "ValidationException");
        assertKmsError(() -> kms.createKey(r -> r.origin("EXTERNAL").keySpec("ML_DSA_44").keyUsage("SIGN_VERIFY")),
                "UnsupportedOperationException");
        assertKmsError(() -> kms.enableKeyRotation(r -> r.keyId(key)), "KMSInvalidStateException");
    }

    @Test
    void importedHmacMaterial_givesTheSameTagsAsTheJdk() throws Exception {
        String key = kms.createKey(r -> r.origin("EXTERNAL").keySpec("HMAC_256").keyUsage("GENERATE_VERIFY_MAC"))
                .keyMetadata().keyId();
        byte[] material = random(32);
        GetParametersForImportResponse p = parameters(key, "RSAES_OAEP_SHA_256");
        kms.importKeyMaterial(r -> r.keyId(key).importToken(p.importToken())
                .encryptedKeyMaterial(SdkBytes.fromByteArray(wrap(p, "RSAES_OAEP_SHA_256", material)))
                .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(material, "HmacSHA256"));
        byte[] expected = mac.doFinal("message".getBytes());
        assertThat(kms.generateMac(r -> r.keyId(key).message(SdkBytes.fromUtf8String("message"))
                .macAlgorithm("HMAC_SHA_256")).mac().asByteArray()).isEqualTo(expected);
    }
}
