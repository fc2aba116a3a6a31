package dev.coffer.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.asymmetric.AsymmetricRequests;
import dev.coffer.kms.grant.GrantRequests;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.kms.key.KeyState;
import dev.coffer.kms.mac.Macs;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asymmetric, HMAC and imported keys and grants in the domain, over a real SQLite database, across restarts. */
class KmsKeyTypesServiceTest {
    private static final Principal ALICE = new Principal("111122223333", "arn:aws:iam::111122223333:root",
            "111122223333", "AKIAALICE");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private final InstantSource clock = () -> Instant.parse("2026-01-01T00:00:00Z");
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

    private String create(String spec, String usage, String origin) {
        return kms.createKey(ALICE, new KeyRequests.CreateKey(Optional.empty(), Optional.empty(), Optional.of(usage),
                Optional.of(spec), Optional.of(origin), false, List.of(), false)).keyId();
    }

    @Test
    void signingAndMacKeys_keepWorkingAfterARestart() {
        String ec = create("ECC_NIST_P256", "SIGN_VERIFY", "AWS_KMS");
        String hmac = create("HMAC_384", "GENERATE_VERIFY_MAC", "AWS_KMS");
        byte[] message = "persisted".getBytes(UTF_8);
        byte[] signature = kms.sign(ALICE, new AsymmetricRequests.Sign(ec, message, Optional.empty(),
                Optional.of("ECDSA_SHA_256"), false)).signature();
        byte[] tag = kms.generateMac(ALICE, new Macs.GenerateMac(hmac, message, Optional.of("HMAC_SHA_384"), false))
                .mac();
        byte[] publicKey = kms.getPublicKey(ALICE, ec).publicKey();

        restart();

        assertThat(kms.getPublicKey(ALICE, ec).publicKey()).isEqualTo(publicKey);
        assertThat(kms.verify(ALICE, new AsymmetricRequests.Verify(ec, message, Optional.empty(), signature,
                Optional.of("ECDSA_SHA_256"), false)).signingAlgorithm()).isEqualTo("ECDSA_SHA_256");
        assertThat(kms.generateMac(ALICE, new Macs.GenerateMac(hmac, message, Optional.of("HMAC_SHA_384"), false))
                .mac()).isEqualTo(tag);
        byte[] other = "tampered".getBytes(UTF_8);
        assertThatThrownBy(() -> kms.verify(ALICE, new AsymmetricRequests.Verify(ec, other, Optional.empty(),
                signature, Optional.of("ECDSA_SHA_256"), false)))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.code())
                        .isEqualTo(KmsErrorCode.INVALID_SIGNATURE));
    }

    @Test
    void externalKey_startsPendingImport_andSurvivesARestartWithoutMaterial() {
        String key = create("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "EXTERNAL");
        assertThat(kms.describeKey(ALICE, key).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThat(kms.describeKey(ALICE, key).currentKeyMaterialId()).isEmpty();
        restart();
        assertThat(kms.describeKey(ALICE, key).keyState()).isEqualTo(KeyState.PENDING_IMPORT);
        assertThatThrownBy(() -> kms.deleteImportedKeyMaterial(ALICE, key, Optional.empty()))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.code())
                        .isEqualTo(KmsErrorCode.INVALID_STATE));
    }

    @Test
    void grants_areStoredAndRemovedWithTheirKey() {
        String key = create("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS");
        GrantRequests.GrantCreated g = kms.createGrant(ALICE, new GrantRequests.CreateGrant(key,
                "arn:aws:iam::111122223333:role/app", Optional.empty(), List.of("Encrypt"), Optional.empty(),
                Optional.empty(), false));
        restart();
        assertThat(kms.listGrants(ALICE, new GrantRequests.ListGrants(key, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty())).items()).extracting(GrantRequests.Grant::grantId)
                .containsExactly(g.grantId());
        kms.retireGrant(ALICE, new GrantRequests.RetireGrant(Optional.of(g.grantToken()), Optional.empty(),
                Optional.empty(), false));
        assertThat(kms.listGrants(ALICE, new GrantRequests.ListGrants(key, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty())).items()).isEmpty();
    }
}
