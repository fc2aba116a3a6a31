package dev.coffer.s3.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.iam.Principal;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.store.MetadataStore;
import dev.coffer.store.sql.SqliteMetadataStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketsTest {
    private static final Principal ALICE = new Principal("111111111111", "arn:aws:iam::111111111111:root",
            "111111111111", "AKIAALICE00000000000");
    private static final Principal BOB = new Principal("222222222222", "arn:aws:iam::222222222222:root",
            "222222222222", "AKIABOB0000000000000");

    @TempDir
    Path dir;
    private MetadataStore store;

    @BeforeEach
    void open() {
        store = SqliteMetadataStore.open(dir.resolve("m.db"), InstantSource.system());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Buckets buckets(String region) {
        return new Buckets(store, region, InstantSource.system());
    }

    private static CreateBucketRequest create(String name, String constraint) {
        return new CreateBucketRequest(name, Optional.ofNullable(constraint));
    }

    @Test
    void create_thenHeadAndLocation_inUsEast1() {
        Buckets b = buckets("us-east-1");
        b.create(ALICE, create("alpha", null));
        assertThat(b.head(ALICE, "alpha").region()).isEqualTo("us-east-1");
        assertThat(b.location(ALICE, "alpha")).isEmpty();
    }

    @Test
    void create_inOtherRegion_needsMatchingConstraint() {
        Buckets b = buckets("eu-west-1");
        assertThatThrownBy(() -> b.create(ALICE, create("alpha", null))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ILLEGAL_LOCATION_CONSTRAINT));
        assertThatThrownBy(() -> b.create(ALICE, create("alpha", "us-west-2"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ILLEGAL_LOCATION_CONSTRAINT));
        b.create(ALICE, create("alpha", "eu-west-1"));
        assertThat(b.location(ALICE, "alpha")).isEqualTo("eu-west-1");
    }

    @Test
    void create_withExplicitUsEast1_isInvalidLocationConstraint() {
        assertThatThrownBy(() -> buckets("us-east-1").create(ALICE, create("alpha", "us-east-1")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_LOCATION_CONSTRAINT));
    }

    @Test
    void create_ofExistingBucket_dependsOnOwnerAndRegion() {
        buckets("us-east-1").create(ALICE, create("alpha", null));
        buckets("us-east-1").create(ALICE, create("alpha", null));
        assertThatThrownBy(() -> buckets("us-east-1").create(BOB, create("alpha", null)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.BUCKET_ALREADY_EXISTS));
        buckets("eu-west-1").create(ALICE, create("beta", "eu-west-1"));
        assertThatThrownBy(() -> buckets("eu-west-1").create(ALICE, create("beta", "eu-west-1")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU));
    }

    @Test
    void otherAccount_isDenied() {
        Buckets b = buckets("us-east-1");
        b.create(ALICE, create("alpha", null));
        assertThatThrownBy(() -> b.head(BOB, "alpha")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED));
        assertThatThrownBy(() -> b.delete(BOB, "alpha")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED));
        assertThat(b.list(BOB, ListBucketsRequest.all()).buckets()).isEmpty();
    }

    @Test
    void delete_ofNonEmptyBucket_isBucketNotEmpty_untilItIsEmpty() {
        Buckets b = buckets("us-east-1");
        b.create(ALICE, create("alpha", null));
        store.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO objects (bucket, object_key, blob_id, size) VALUES ('alpha', 'k', 'blob', 1)")) {
                return s.executeUpdate();
            }
        });
        assertThatThrownBy(() -> b.delete(ALICE, "alpha")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.BUCKET_NOT_EMPTY));
        store.write(c -> c.createStatement().executeUpdate("DELETE FROM objects"));
        b.delete(ALICE, "alpha");
        assertThatThrownBy(() -> b.head(ALICE, "alpha")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.NO_SUCH_BUCKET));
    }

    @Test
    void list_pagesInNameOrder_andFiltersByPrefix() {
        Buckets b = buckets("us-east-1");
        for (String n : new String[] {"c-one", "a-one", "b-one", "a-two"}) {
            b.create(ALICE, create(n, null));
        }
        BucketListing first = b.list(ALICE, new ListBucketsRequest(Optional.of(2), Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(first.buckets()).extracting(Bucket::name).containsExactly("a-one", "a-two");
        BucketListing second = b.list(ALICE, new ListBucketsRequest(Optional.of(2), first.continuationToken(),
                Optional.empty(), Optional.empty()));
        assertThat(second.buckets()).extracting(Bucket::name).containsExactly("b-one", "c-one");
        assertThat(second.continuationToken()).isEmpty();
        assertThat(b.list(ALICE, new ListBucketsRequest(Optional.empty(), Optional.empty(), Optional.of("a-"),
                Optional.empty())).buckets()).extracting(Bucket::name).containsExactly("a-one", "a-two");
        assertThatThrownBy(() -> b.list(ALICE, new ListBucketsRequest(Optional.empty(), Optional.of("!!"),
                Optional.empty(), Optional.empty()))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
    }
}
