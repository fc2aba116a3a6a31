package dev.coffer.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.s3.bucket.EncryptionConfiguration;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SseModesTest {
    static final Principal ALICE = new Principal("111111111111", "arn:aws:iam::111111111111:root",
            "111111111111", "AKIAALICE00000000000");
    private static final EncryptionConfiguration DEFAULTS = EncryptionConfiguration.DEFAULT;
    private final SecureRandom random = new SecureRandom();
    private final ObjectBinding here = new ObjectBinding("bucket", "key", "0123456789abcdef0123456789abcdef");
    @TempDir
    Path dir;
    private MetadataStore store;
    private KmsService kmsService;
    private KmsGateway kms;
    private SseModes modes;

    @BeforeEach
    void setUp() {
        store = SqliteMetadataStore.open(dir.resolve("m.db"), InstantSource.system());
        kmsService = new KmsService(store, Secret.random(32, random), "us-east-1", InstantSource.system(), random);
        kms = new KmsGateway(kmsService);
        modes = modes(false);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private SseModes modes(boolean sseCOverHttp) {
        return new SseModes(SseS3.fromRootKey(Secret.random(32, random), random), kms, InstantSource.system(),
                random, sseCOverHttp);
    }

    private SseMode write(Optional<String> sse, Optional<SseCustomerKey> customerKey, boolean secure) {
        return modes.forWrite(ALICE, DEFAULTS, sse.map(SseRequest::of).orElse(SseRequest.none()), customerKey, secure);
    }

    private String newKmsKey() {
        return kmsService.createKey(ALICE, KeyRequests.CreateKey.defaults()).arn();
    }

    private static SseRequest kmsRequest(String keyId, boolean bucketKey) {
        return new SseRequest(Optional.of("aws:kms"), Optional.of(keyId), Optional.empty(), Optional.of(bucketKey));
    }

    @Test
    void sseS3_wrappedKey_unwrapsForItsObject_only() {
        SseMode mode = write(Optional.empty(), Optional.empty(), false);
        try (IssuedKey issued = mode.issue(here, 1, 65536)) {
            EncryptionRecord record = issued.record();
            try (Secret back = mode.unwrap(record, here)) {
                assertThat(back.equalsConstantTime(issued.dataKey())).isTrue();
            }
            for (ObjectBinding elsewhere : new ObjectBinding[] {
                    new ObjectBinding("bucket", "other", here.versionId()),
                    new ObjectBinding("bucket2", "key", here.versionId()),
                    new ObjectBinding("bucket", "key", "ffffffffffffffffffffffffffffffff")}) {
                assertThatThrownBy(() -> mode.unwrap(record, elsewhere)).isInstanceOf(CofferBugException.class);
            }
        }
    }

    @Test
    void sseC_withTheRightKey_unwraps_withAnotherKey_isAccessDenied_withoutAKey_isInvalidRequest() {
        SseMode mode = write(Optional.empty(), key((byte) 1), true);
        try (IssuedKey issued = mode.issue(here, 1, 65536)) {
            EncryptionRecord record = issued.record();
            assertThat(record.customerKeyCheck()).isPresent();
            try (Secret back = modes.forRead(ALICE, record, key((byte) 1), true).unwrap(record, here)) {
                assertThat(back.equalsConstantTime(issued.dataKey())).isTrue();
            }
            assertError(() -> modes.forRead(ALICE, record, key((byte) 2), true), S3ErrorCode.ACCESS_DENIED);
            assertError(() -> modes.forRead(ALICE, record, Optional.empty(), true), S3ErrorCode.INVALID_REQUEST);
        }
    }

    @Test
    void sseC_keyCheck_isNotTheKey_norItsMd5() throws Exception {
        Optional<SseCustomerKey> key = key((byte) 7);
        EncryptionRecord record = write(Optional.empty(), key, true).issue(here, 1, 1).record();
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 7);
        byte[] check = record.customerKeyCheck().orElseThrow();
        assertThat(indexOf(check, raw)).isNegative();
        assertThat(indexOf(check, MessageDigest.getInstance("MD5").digest(raw))).isNegative();
        assertThat(indexOf(record.wrappedKey(), raw)).isNegative();
    }

    @Test
    void sseC_overPlainHttp_isRefused_unlessAllowed() {
        assertError(() -> write(Optional.empty(), key((byte) 1), false), S3ErrorCode.INVALID_REQUEST);
        assertThat(modes(true).forWrite(ALICE, DEFAULTS, SseRequest.none(), key((byte) 1), false))
                .isInstanceOf(SseC.class);
    }

    @Test
    void sseC_inABucketThatBlocksIt_isAccessDenied_butReadsStillWork() {
        EncryptionRecord record = write(Optional.empty(), key((byte) 1), true).issue(here, 1, 1).record();
        assertError(() -> modes.forWrite(ALICE, DEFAULTS.withSseCBlocked(true), SseRequest.none(), key((byte) 1), true),
                S3ErrorCode.ACCESS_DENIED);
        assertThat(modes.forRead(ALICE, record, key((byte) 1), true)).isInstanceOf(SseC.class);
    }

    @Test
    void sseCKey_onAnSseS3Object_isInvalidRequest() {
        EncryptionRecord record = write(Optional.of("AES256"), Optional.empty(), true).issue(here, 1, 1).record();
        assertError(() -> modes.forRead(ALICE, record, key((byte) 1), true), S3ErrorCode.INVALID_REQUEST);
    }

    @Test
    void unsupportedServerSideEncryption_isInvalidArgument() {
        assertError(() -> write(Optional.of("AES128"), Optional.empty(), true), S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> write(Optional.of("AES256"), key((byte) 1), true), S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> modes.forWrite(ALICE, DEFAULTS, new SseRequest(Optional.empty(), Optional.of("k"),
                Optional.empty(), Optional.empty()), Optional.empty(), true), S3ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void sseKms_dataKeyComesFromKms_withTheObjectArnInItsContext_andOpensAsTheRequester() {
        String keyArn = newKmsKey();
        TreeMap<String, String> userContext = new TreeMap<>(java.util.Map.of("project", "coffer"));
        SseMode mode = modes.forWrite(ALICE, DEFAULTS, new SseRequest(Optional.of("aws:kms"), Optional.of(keyArn),
                Optional.of(userContext), Optional.empty()), Optional.empty(), true);
        try (IssuedKey issued = mode.issue(here, 1, 65536)) {
            EncryptionRecord record = issued.record();
            assertThat(record.algorithm()).isEqualTo(SseAlgorithm.SSE_KMS);
            assertThat(record.kmsKeyId()).contains(keyArn);
            assertThat(KmsContexts.fromStored(record.kmsContext().orElseThrow()))
                    .containsEntry("aws:s3:arn", "arn:aws:s3:::bucket/key").containsEntry("project", "coffer");
            try (Secret back = modes.forRead(ALICE, record, Optional.empty(), true).unwrap(record, here)) {
                assertThat(back.equalsConstantTime(issued.dataKey())).isTrue();
            }
            assertThat(mode.describe(record).kmsKeyArn()).contains(keyArn);
            kmsService.disableKey(ALICE, keyArn);
            assertError(() -> modes.forRead(ALICE, record, Optional.empty(), true).unwrap(record, here),
                    S3ErrorCode.KMS_DISABLED);
        }
    }

    @Test
    void sseKms_withoutAKey_usesOneManagedKeyPerAccount_createdOnFirstUse() {
        EncryptionRecord a = write(Optional.of("aws:kms"), Optional.empty(), true).issue(here, 1, 1).record();
        EncryptionRecord b = write(Optional.of("aws:kms"), Optional.empty(), true).issue(here, 1, 1).record();
        assertThat(a.kmsKeyId()).isPresent().isEqualTo(b.kmsKeyId());
        EncryptionRecord c = modes.forWrite(ALICE, DEFAULTS, kmsRequest("alias/aws/s3", false), Optional.empty(), true)
                .issue(here, 1, 1).record();
        assertThat(c.kmsKeyId()).isEqualTo(a.kmsKeyId());
    }

    @Test
    void bucketKey_manyObjects_costOneKmsCall_andEachUnwrapsForItsObjectOnly() {
        String keyArn = newKmsKey();
        long before = kms.calls();
        java.util.List<IssuedKey> issued = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ObjectBinding where = new ObjectBinding("bucket", "k" + i, here.versionId());
            issued.add(modes.forWrite(ALICE, DEFAULTS, kmsRequest(keyArn, true), Optional.empty(), true)
                    .issue(where, 1, 1));
        }
        for (int i = 0; i < 20; i++) {
            EncryptionRecord r = issued.get(i).record();
            assertThat(r.bucketKeyEnabled()).isTrue();
            ObjectBinding where = new ObjectBinding("bucket", "k" + i, here.versionId());
            try (Secret back = modes.forRead(ALICE, r, Optional.empty(), true).unwrap(r, where)) {
                assertThat(back.equalsConstantTime(issued.get(i).dataKey())).isTrue();
            }
            assertThatThrownBy(() -> modes.forRead(ALICE, r, Optional.empty(), true).unwrap(r, here))
                    .isInstanceOf(CofferBugException.class);
        }
        assertThat(kms.calls() - before).isEqualTo(1);
    }

    @Test
    void dsseKms_hasTwoIndependentKeys_theOuterBoundToItsObject() {
        String keyArn = newKmsKey();
        SseMode mode = modes.forWrite(ALICE, DEFAULTS, new SseRequest(Optional.of("aws:kms:dsse"), Optional.of(keyArn),
                Optional.empty(), Optional.empty()), Optional.empty(), true);
        try (IssuedKey issued = mode.issue(here, 1, 65536)) {
            EncryptionRecord r = issued.record();
            assertThat(r.algorithm()).isEqualTo(SseAlgorithm.DSSE_KMS);
            assertThat(r.outerWrappedKey()).isPresent();
            assertThat(r.bucketKeyEnabled()).isFalse();
            SseMode reader = modes.forRead(ALICE, r, Optional.empty(), true);
            try (Secret inner = reader.unwrap(r, here); Secret outer = reader.outerKey(r, here).orElseThrow()) {
                assertThat(inner.equalsConstantTime(issued.dataKey())).isTrue();
                assertThat(outer.equalsConstantTime(issued.outerKey().orElseThrow())).isTrue();
                assertThat(outer.equalsConstantTime(inner)).isFalse();
            }
            ObjectBinding elsewhere = new ObjectBinding("bucket", "other", here.versionId());
            assertThatThrownBy(() -> reader.outerKey(r, elsewhere)).isInstanceOf(CofferBugException.class);
        }
        assertError(() -> modes.forWrite(ALICE, DEFAULTS, new SseRequest(Optional.of("aws:kms:dsse"),
                Optional.of(keyArn), Optional.empty(), Optional.of(true)), Optional.empty(), true),
                S3ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void bucketDefault_appliesWhenTheRequestNamesNoEncryption() {
        String keyArn = newKmsKey();
        EncryptionConfiguration kmsDefault = new EncryptionConfiguration("aws:kms", Optional.of(keyArn), true, false);
        SseMode mode = modes.forWrite(ALICE, kmsDefault, SseRequest.none(), Optional.empty(), true);
        EncryptionRecord r = mode.issue(here, 1, 1).record();
        assertThat(r.kmsKeyId()).contains(keyArn);
        assertThat(r.bucketKeyEnabled()).isTrue();
        assertThat(modes.forWrite(ALICE, kmsDefault, SseRequest.of("AES256"), Optional.empty(), true))
                .isInstanceOf(SseS3.class);
    }

    @Test
    void customerKey_withBadMd5_wrongLength_orMissingParts_isInvalidArgument() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES256"), Optional.of(key), Optional.of("AAAAAAAAAAAAAAAAAAAAAA==")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES256"), Optional.of(shortKey), Optional.of("x")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES256"), Optional.empty(), Optional.of("x")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertError(() -> SseCustomerKey.parse(Optional.of("AES128"), Optional.of(key), Optional.of("x")),
                S3ErrorCode.INVALID_ARGUMENT);
        assertThat(SseCustomerKey.parse(Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(key((byte) 3).orElseThrow().toString()).doesNotContain(Base64.getEncoder().encodeToString(raw3()));
    }

    private static byte[] raw3() {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 3);
        return b;
    }

    static Optional<SseCustomerKey> key(byte fill) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, fill);
        try {
            return SseCustomerKey.parse(Optional.of("AES256"), Optional.of(Base64.getEncoder().encodeToString(raw)),
                    Optional.of(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, S3ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
