package dev.coffer.kms.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.asymmetric.AsymmetricRequests;
import dev.coffer.kms.key.KeyMetadata;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.kms.key.KeyState;
import dev.coffer.kms.symmetric.CryptoRequests;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imported asymmetric key material in the domain, over a real SQLite database, wrapped locally with the JDK. */
class KeyImportsTest {
    private static final Principal ALICE = new Principal("111122223333", "arn:aws:iam::111122223333:root",
            "111122223333", "AKIAALICE");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Provider BC = new BouncyCastleProvider();
    private static final byte[] MESSAGE = "imported key pair".getBytes(UTF_8);

    @TempDir
    Path dir;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final Secret rootKey = Secret.random(32, RANDOM);
    private SqliteMetadataStore store;
    private KmsService kms;

    @BeforeEach
    void open() {
        store = SqliteMetadataStore.open(dir.resolve("kms.db"), clock);
        kms = new KmsService(store, rootKey, "us-east-1", clock, RANDOM);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void restart() {
        store.close();
        open();
    }

    private String external(String spec, String usage) {
        return kms.createKey(ALICE, new KeyRequests.CreateKey(Optional.empty(), Optional.empty(), Optional.of(usage),
                Optional.of(spec), Optional.of("EXTERNAL"), false, List.of(), false)).keyId();
    }

    /** A local key pair of a KMS spec: the JDK's, or BouncyCastle's for secp256k1 (the JDK no longer has it). */
    private static KeyPair localPair(String spec) throws GeneralSecurityException {
        KeyPairGenerator g;
        switch (spec) {
            case "RSA_2048", "RSA_3072", "RSA_4096" -> {
                g = KeyPairGenerator.getInstance("RSA");
                int bits = Integer.parseInt(spec.substring("RSA_".length()));
                g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
            }
            case "ECC_SECG_P256K1" -> {
                g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec("secp256k1"));
            }
            default -> {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(switch (spec) {
                    case "ECC_NIST_P256" -> "secp256r1";
                    case "ECC_NIST_P384" -> "secp384r1";
                    default -> "secp521r1";
                }));
            }
        }
        return g.generateKeyPair();
    }

    /** Wraps {@code material} for ImportKeyMaterial as the named wrapping algorithm does. */
    private static byte[] wrap(KeyImports.ImportParameters p, String algorithm, byte[] material) throws Exception {
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p.publicKey()));
        String hash = algorithm.endsWith("SHA_256") ? "SHA-256" : "SHA-1";
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, pub, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                PSource.PSpecified.DEFAULT));
        if (algorithm.startsWith("RSAES_OAEP")) {
            return oaep.doFinal(material);
        }
        byte[] aes = new byte[32];
        RANDOM.nextBytes(aes);
        byte[] head = oaep.doFinal(aes);
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"));
        byte[] tail = kwp.doFinal(material);
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private KeyImports.Imported importPkcs8(String key, byte[] pkcs8) throws Exception {
        KeyImports.ImportParameters p = kms.getParametersForImport(ALICE, key, Optional.of("RSA_AES_KEY_WRAP_SHA_256"),
                Optional.of("RSA_2048"));
        return kms.importKeyMaterial(ALICE, new KeyImports.ImportKeyMaterial(key, p.importToken(),
                wrap(p, "RSA_AES_KEY_WRAP_SHA_256", pkcs8), Optional.empty(),
                Optional.of("KEY_MATERIAL_DOES_NOT_EXPIRE"), Optional.empty()));
    }

    private static String jcaAlgorithm(String signingAlgorithm) {
        return switch (signingAlgorithm) {
            case "RSASSA_PKCS1_V1_5_SHA_256" -> "SHA256withRSA";
            case "ECDSA_SHA_256" -> "SHA256withECDSA";
            case "ECDSA_SHA_384" -> "SHA384withECDSA";
            default -> "SHA512withECDSA";
        };
    }

    private static Signature signature(String spec, String signingAlgorithm) throws GeneralSecurityException {
        return spec.equals("ECC_SECG_P256K1") ? Signature.getInstance(jcaAlgorithm(signingAlgorithm), BC)
                : Signature.getInstance(jcaAlgorithm(signingAlgorithm));
    }

    private static void assertKms(Runnable call, KmsErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA_2048", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1"})
    void importedKeyPair_signsAndVerifiesLikeTheLocalKey_andSurvivesARestart(String spec) throws Exception {
        String key = external(spec, "SIGN_VERIFY");
        KeyMetadata pending = kms.describeKey(ALICE, key);
        assertThat(pending.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(pending.algorithms().signing()).isNotEmpty();
        assertKms(() -> kms.getPublicKey(ALICE, key), KmsErrorCode.INVALID_STATE);

        KeyPair local = localPair(spec);
        KeyImports.Imported imported = importPkcs8(key, local.getPrivate().getEncoded());
        assertThat(imported.keyMaterialId()).hasSize(64);
        assertThat(kms.describeKey(ALICE, key).keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(kms.getPublicKey(ALICE, key).publicKey()).isEqualTo(local.getPublic().getEncoded());

        String algorithm = pending.algorithms().signing().getFirst();
        Signature jdk = signature(spec, algorithm);
        jdk.initSign(local.getPrivate());
        jdk.update(MESSAGE);
        byte[] localSignature = jdk.sign();
        byte[] kmsSignature = kms.sign(ALICE, new AsymmetricRequests.Sign(key, MESSAGE, Optional.empty(),
                Optional.of(algorithm), false)).signature();

        restart();

        assertThat(kms.verify(ALICE, new AsymmetricRequests.Verify(key, MESSAGE, Optional.empty(), localSignature,
                Optional.of(algorithm), false)).signingAlgorithm()).isEqualTo(algorithm);
        jdk.initVerify(local.getPublic());
        jdk.update(MESSAGE);
        assertThat(jdk.verify(kmsSignature)).isTrue();
        assertThat(kms.getPublicKey(ALICE, key).publicKey()).isEqualTo(local.getPublic().getEncoded());
    }

    @Test
    void importedRsaEncryptionKey_decryptsWhatTheJdkEncrypted() throws Exception {
        String key = external("RSA_3072", "ENCRYPT_DECRYPT");
        KeyPair local = localPair("RSA_3072");
        importPkcs8(key, local.getPrivate().getEncoded());
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, local.getPublic(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        byte[] ciphertext = oaep.doFinal(MESSAGE);
        try (Secret plaintext = kms.decrypt(ALICE, new CryptoRequests.Decrypt(ciphertext, Map.of(), Optional.of(key),
                Optional.of("RSAES_OAEP_SHA_256"), false)).plaintext()) {
            assertThat(plaintext.revealBytes()).isEqualTo(MESSAGE);
        }
    }

    @Test
    void sameKeyInAnotherEncoding_reimports_butAnotherKeyDoesNot() throws Exception {
        String key = external("ECC_NIST_P256", "SIGN_VERIFY");
        KeyPair local = localPair("ECC_NIST_P256");
        byte[] jdkPkcs8 = local.getPrivate().getEncoded();
        // BouncyCastle's encoding of the same key carries its public key inside (RFC 5915 publicKey [1]).
        byte[] bcPkcs8 = KeyFactory.getInstance("EC", BC).generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(jdkPkcs8)).getEncoded();
        assertThat(bcPkcs8).isNotEqualTo(jdkPkcs8);
        String materialId = importPkcs8(key, jdkPkcs8).keyMaterialId();

        assertKms(() -> call(() -> importPkcs8(key, localPair("ECC_NIST_P256").getPrivate().getEncoded())),
                KmsErrorCode.INCORRECT_KEY_MATERIAL);
        assertThat(kms.deleteImportedKeyMaterial(ALICE, key, Optional.empty()).keyMaterialId()).isEqualTo(materialId);
        assertThat(kms.describeKey(ALICE, key).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertKms(() -> kms.getPublicKey(ALICE, key), KmsErrorCode.INVALID_STATE);
        assertKms(() -> call(() -> importPkcs8(key, localPair("ECC_NIST_P256").getPrivate().getEncoded())),
                KmsErrorCode.INCORRECT_KEY_MATERIAL);

        assertThat(importPkcs8(key, bcPkcs8).keyMaterialId()).isEqualTo(materialId);
        assertThat(kms.getPublicKey(ALICE, key).publicKey()).isEqualTo(local.getPublic().getEncoded());
    }

    @Test
    void importedKeyPair_pastItsValidTo_isDeletedByTheScheduler() throws Exception {
        String key = external("ECC_NIST_P384", "SIGN_VERIFY");
        KeyImports.ImportParameters p = kms.getParametersForImport(ALICE, key, Optional.of("RSAES_OAEP_SHA_256"),
                Optional.of("RSA_2048"));
        kms.importKeyMaterial(ALICE, new KeyImports.ImportKeyMaterial(key, p.importToken(),
                wrap(p, "RSAES_OAEP_SHA_256", localPair("ECC_NIST_P384").getPrivate().getEncoded()),
                Optional.of(now.get().plus(Duration.ofDays(1))), Optional.empty(), Optional.empty()));
        assertThat(kms.describeKey(ALICE, key).keyState()).isEqualTo(KeyState.ENABLED);

        now.set(now.get().plus(Duration.ofDays(2)));
        assertThat(kms.scheduler().runDue().expired()).isEqualTo(1);
        assertThat(kms.describeKey(ALICE, key).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertKms(() -> kms.sign(ALICE, new AsymmetricRequests.Sign(key, MESSAGE, Optional.empty(),
                Optional.of("ECDSA_SHA_384"), false)), KmsErrorCode.INVALID_STATE);
    }

    @Test
    void materialOfAnotherSpecOrBroken_isIncorrectKeyMaterial() throws Exception {
        String p256 = external("ECC_NIST_P256", "SIGN_VERIFY");
        String rsa = external("RSA_2048", "SIGN_VERIFY");
        byte[] p384 = localPair("ECC_NIST_P384").getPrivate().getEncoded();
        byte[] rsa3072 = localPair("RSA_3072").getPrivate().getEncoded();
        byte[] rsa2048 = localPair("RSA_2048").getPrivate().getEncoded();

        for (byte[] wrong : List.of(p384, rsa2048, "not a key".getBytes(UTF_8), new byte[32])) {
            assertKms(() -> call(() -> importPkcs8(p256, wrong)), KmsErrorCode.INCORRECT_KEY_MATERIAL);
        }
        assertKms(() -> call(() -> importPkcs8(rsa, rsa3072)), KmsErrorCode.INCORRECT_KEY_MATERIAL);
        assertKms(() -> call(() -> importPkcs8(rsa, withWrongCrtExponent(rsa2048))),
                KmsErrorCode.INCORRECT_KEY_MATERIAL);
        assertKms(() -> call(() -> importPkcs8(p256, withForeignPublicKey(localPair("ECC_NIST_P256")))),
                KmsErrorCode.INCORRECT_KEY_MATERIAL);
        assertThat(kms.describeKey(ALICE, p256).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(kms.describeKey(ALICE, rsa).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
    }

    /** An RSA key whose CRT exponent dP is off by two: it parses, but signs wrongly. */
    private static byte[] withWrongCrtExponent(byte[] pkcs8) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        RSAPrivateKey k = RSAPrivateKey.getInstance(info.parsePrivateKey());
        RSAPrivateKey broken = new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrime1(), k.getPrime2(), k.getExponent1().add(BigInteger.TWO), k.getExponent2(),
                k.getCoefficient());
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), broken).getEncoded(ASN1Encoding.DER);
    }

    /** The private key of {@code pair} with another key's public key inside. */
    private static byte[] withForeignPublicKey(KeyPair pair) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey k = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                info.parsePrivateKey());
        byte[] otherSpki = localPair("ECC_NIST_P256").getPublic().getEncoded();
        byte[] point = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(otherSpki).getPublicKeyData()
                .getOctets();
        org.bouncycastle.asn1.sec.ECPrivateKey forged = new org.bouncycastle.asn1.sec.ECPrivateKey(256, k.getKey(),
                new DERBitString(point), null);
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), forged).getEncoded(ASN1Encoding.DER);
    }

    @Test
    void wrappingAlgorithm_mustFitTheMaterial() {
        String rsa = external("RSA_2048", "SIGN_VERIFY");
        String p521 = external("ECC_NIST_P521", "SIGN_VERIFY");
        for (String oaep : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256")) {
            assertKms(() -> kms.getParametersForImport(ALICE, rsa, Optional.of(oaep), Optional.of("RSA_4096")),
                    KmsErrorCode.UNSUPPORTED_OPERATION);
            assertKms(() -> kms.getParametersForImport(ALICE, p521, Optional.of(oaep), Optional.of("RSA_2048")),
                    KmsErrorCode.UNSUPPORTED_OPERATION);
            assertThat(kms.getParametersForImport(ALICE, p521, Optional.of(oaep), Optional.of("RSA_3072"))
                    .publicKey()).isNotEmpty();
        }
        assertThat(kms.getParametersForImport(ALICE, rsa, Optional.of("RSA_AES_KEY_WRAP_SHA_1"),
                Optional.of("RSA_2048")).publicKey()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ML_DSA_44", "ML_DSA_87", "ECC_NIST_EDWARDS25519"})
    void specsWhoseMaterialCannotBeImported_areRefusedAtCreateKey(String spec) {
        assertKms(() -> external(spec, "SIGN_VERIFY"), KmsErrorCode.UNSUPPORTED_OPERATION);
    }

    @Test
    void mlKemMaterialCannotBeImported() {
        assertKms(() -> external("ML_KEM_768", "ENCAPSULATE_DECAPSULATE"), KmsErrorCode.UNSUPPORTED_OPERATION);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void call(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
