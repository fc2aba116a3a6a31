package dev.coffer.it;

import static dev.coffer.it.KmsEndToEndTest.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.ListGrantsResponse;

/** Grants through the real {@code KmsClient}: stored, listed, retired and revoked (they authorize nothing yet). */
class KmsGrantsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();
    private static KmsClient kms;

    @BeforeAll
    static void client() {
        kms = coffer.kms();
    }

    @AfterAll
    static void closeClient() {
        kms.close();
    }

    private static String grantee(String name) {
        return "arn:aws:iam::" + coffer.accountId() + ":role/" + name;
    }

    @Test
    void createGrant_thenListGrants_returnsItWithItsConstraints() {
        String key = kms.createKey(r -> { }).keyMetadata().keyId();
        CreateGrantResponse g = kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("app"))
                .retiringPrincipal(grantee("ops")).operations(GrantOperation.DECRYPT, GrantOperation.ENCRYPT)
                .constraints(c -> c.encryptionContextSubset(Map.of("tenant", "a"))).name("app-grant"));
        assertThat(g.grantId()).hasSize(64);
        assertThat(g.grantToken()).isNotBlank();

        ListGrantsResponse list = kms.listGrants(r -> r.keyId(key));
        assertThat(list.grants()).hasSize(1);
        GrantListEntry e = list.grants().getFirst();
        assertThat(e.grantId()).isEqualTo(g.grantId());
        assertThat(e.keyId()).endsWith(key).startsWith("arn:aws:kms:");
        assertThat(e.name()).isEqualTo("app-grant");
        assertThat(e.granteePrincipal()).isEqualTo(grantee("app"));
        assertThat(e.retiringPrincipal()).isEqualTo(grantee("ops"));
        assertThat(e.issuingAccount()).isEqualTo("arn:aws:iam::" + coffer.accountId() + ":root");
        assertThat(e.operations()).containsExactly(GrantOperation.DECRYPT, GrantOperation.ENCRYPT);
        assertThat(e.constraints().encryptionContextSubset()).isEqualTo(Map.of("tenant", "a"));
        assertThat(e.creationDate()).isNotNull();

        // The same name and parameters: a retry returns the same grant.
        CreateGrantResponse again = kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("app"))
                .retiringPrincipal(grantee("ops")).operations(GrantOperation.DECRYPT, GrantOperation.ENCRYPT)
                .constraints(c -> c.encryptionContextSubset(Map.of("tenant", "a"))).name("app-grant"));
        assertThat(again.grantId()).isEqualTo(g.grantId());
        assertThat(kms.listGrants(r -> r.keyId(key)).grants()).hasSize(1);
    }

    @Test
    void listGrants_pagesAndFilters() {
        String key = kms.createKey(r -> { }).keyMetadata().keyId();
        for (int i = 0; i < 3; i++) {
            String who = grantee("p" + i);
            kms.createGrant(r -> r.keyId(key).granteePrincipal(who).operations(GrantOperation.DECRYPT));
        }
        ListGrantsResponse first = kms.listGrants(r -> r.keyId(key).limit(2));
        assertThat(first.grants()).hasSize(2);
        assertThat(first.truncated()).isTrue();
        ListGrantsResponse rest = kms.listGrants(r -> r.keyId(key).marker(first.nextMarker()));
        assertThat(rest.grants()).hasSize(1);
        assertThat(rest.truncated()).isFalse();
        assertThat(kms.listGrantsPaginator(r -> r.keyId(key).limit(1)).grants().stream().count()).isEqualTo(3);
        assertThat(kms.listGrants(r -> r.keyId(key).granteePrincipal(grantee("p1"))).grants())
                .singleElement().satisfies(g -> assertThat(g.granteePrincipal()).isEqualTo(grantee("p1")));
        String id = first.grants().getFirst().grantId();
        assertThat(kms.listGrants(r -> r.keyId(key).grantId(id)).grants()).singleElement()
                .satisfies(g -> assertThat(g.grantId()).isEqualTo(id));
        assertKmsError(() -> kms.listGrants(r -> r.keyId(key).limit(101)), "ValidationException");
    }

    @Test
    void retireGrant_byTokenOrById_andRevokeGrant_removeIt_andListRetirableGrantsFindsThem() {
        String key = kms.createKey(r -> { }).keyMetadata().keyId();
        String retirer = grantee("retirer-" + key.substring(0, 8));
        CreateGrantResponse a = kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("a"))
                .retiringPrincipal(retirer).operations(GrantOperation.ENCRYPT));
        CreateGrantResponse b = kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("b"))
                .retiringPrincipal(retirer).operations(GrantOperation.DECRYPT));
        CreateGrantResponse c = kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("c"))
                .operations(GrantOperation.DESCRIBE_KEY));
        assertThat(kms.listRetirableGrants(r -> r.retiringPrincipal(retirer)).grants())
                .extracting(GrantListEntry::grantId).containsExactly(a.grantId(), b.grantId());

        kms.retireGrant(r -> r.grantToken(a.grantToken()));
        kms.retireGrant(r -> r.keyId(key).grantId(b.grantId()));
        kms.revokeGrant(r -> r.keyId(key).grantId(c.grantId()));
        assertThat(kms.listGrants(r -> r.keyId(key)).grants()).isEmpty();
        assertKmsError(() -> kms.revokeGrant(r -> r.keyId(key).grantId(c.grantId())), "NotFoundException");
        assertKmsError(() -> kms.revokeGrant(r -> r.keyId(key).grantId("not-a-grant-id")), "InvalidGrantIdException");
        assertKmsError(() -> kms.retireGrant(r -> r.grantToken("bm90IGEgdG9rZW4=")), "InvalidGrantTokenException");
        assertKmsError(() -> kms.retireGrant(r -> r.grantId(a.grantId())), "ValidationException");
    }

    @Test
    void grantTokens_areAcceptedWhereAwsTakesThem_andMalformedOnesFail() {
        String key = kms.createKey(r -> { }).keyMetadata().keyId();
        String token = kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("t"))
                .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT)).grantToken();
        SdkBytes blob = kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("x")).grantTokens(token))
                .ciphertextBlob();
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob).grantTokens(token)).plaintext().asUtf8String())
                .isEqualTo("x");
        assertThat(kms.describeKey(r -> r.keyId(key).grantTokens(token)).keyMetadata().keyId()).isEqualTo(key);
        assertKmsError(() -> kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("x"))
                .grantTokens("garbage!")), "InvalidGrantTokenException");
        assertKmsError(() -> kms.generateDataKey(r -> r.keyId(key).numberOfBytes(16).grantTokens("AAAA")),
                "InvalidGrantTokenException");
    }

    @Test
    void createGrant_withBadInput_fails() {
        String key = kms.createKey(r -> { }).keyMetadata().keyId();
        String signing = kms.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY")).keyMetadata().keyId();
        assertKmsError(() -> kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("x"))
                .operations(GrantOperation.SIGN)), "ValidationException");
        assertKmsError(() -> kms.createGrant(r -> r.keyId(signing).granteePrincipal(grantee("x"))
                .operations(GrantOperation.SIGN).constraints(c -> c.encryptionContextEquals(Map.of("a", "b")))),
                "ValidationException");
        assertThat(kms.createGrant(r -> r.keyId(signing).granteePrincipal(grantee("x"))
                .operations(GrantOperation.SIGN, GrantOperation.GET_PUBLIC_KEY)).grantId()).hasSize(64);
        assertKmsError(() -> kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("x"))
                .operationsWithStrings("Nope")), "ValidationException");
        assertKmsError(() -> kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("x"))
                .operations(List.of())), "ValidationException");
        assertKmsError(() -> kms.createGrant(r -> r.keyId("alias/none").granteePrincipal(grantee("x"))
                .operations(GrantOperation.DECRYPT)), "NotFoundException");
        kms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));
        assertKmsError(() -> kms.createGrant(r -> r.keyId(key).granteePrincipal(grantee("x"))
                .operations(GrantOperation.DECRYPT)), "KMSInvalidStateException");
    }
}
