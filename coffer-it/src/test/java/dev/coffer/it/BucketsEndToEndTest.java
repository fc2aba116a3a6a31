package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BucketsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void bucketLifecycle_pathStyle_createHeadListLocateDelete() {
        try (S3Client s3 = coffer.s3()) {
            s3.createBucket(b -> b.bucket("path-style-bucket"));
            HeadBucketResponse head = s3.headBucket(b -> b.bucket("path-style-bucket"));
            assertThat(head.bucketRegion()).isEqualTo("us-east-1");
            ListBucketsResponse list = s3.listBuckets();
            assertThat(list.buckets()).extracting(Bucket::name).contains("path-style-bucket");
            assertThat(list.buckets()).filteredOn(b -> b.name().equals("path-style-bucket"))
                    .allSatisfy(b -> assertThat(b.creationDate()).isNotNull());
            assertThat(list.owner().id()).hasSize(64);
            // us-east-1 is reported as the empty location, which the SDK leaves unset.
            assertThat(s3.getBucketLocation(b -> b.bucket("path-style-bucket")).locationConstraintAsString())
                    .isNullOrEmpty();
            s3.deleteBucket(b -> b.bucket("path-style-bucket"));
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("path-style-bucket")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void bucketLifecycle_virtualHostedStyle_createHeadListDelete() {
        try (S3Client s3 = coffer.s3VirtualHosted()) {
            s3.createBucket(b -> b.bucket("virtual-bucket"));
            assertThat(s3.headBucket(b -> b.bucket("virtual-bucket")).bucketRegion()).isEqualTo("us-east-1");
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("virtual-bucket");
            s3.deleteBucket(b -> b.bucket("virtual-bucket"));
        }
        try (S3Client s3 = coffer.s3()) {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("virtual-bucket");
        }
    }

    @Test
    void createBucket_thatYouOwn_inUsEast1_succeedsAgain() {
        try (S3Client s3 = coffer.s3()) {
            s3.createBucket(b -> b.bucket("twice-created"));
            s3.createBucket(b -> b.bucket("twice-created"));
            s3.deleteBucket(b -> b.bucket("twice-created"));
        }
    }

    @Test
    void createBucket_withInvalidName_failsWithInvalidBucketName() {
        try (S3Client s3 = coffer.s3()) {
            for (String name : List.of("xn--prefix", "amzn-s3-demo-x", "x--table-s3")) {
                assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(name)))
                        .as(name)
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName");
                            assertThat(e.statusCode()).isEqualTo(400);
                        });
            }
        }
    }

    @Test
    void createBucket_withOtherRegionConstraint_failsWithIllegalLocationConstraint() {
        try (S3Client s3 = coffer.s3()) {
            assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("eu-bucket")
                    .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IllegalLocationConstraintException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void deleteBucket_thatDoesNotExist_failsWithNoSuchBucket() {
        try (S3Client s3 = coffer.s3()) {
            assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("never-created")))
                    .isInstanceOfSatisfying(NoSuchBucketException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.requestId()).matches("[0-9A-F]{16}");
                        assertThat(e.extendedRequestId()).isNotBlank();
                    });
        }
    }

    @Test
    void request_withWrongSecret_failsWithSignatureDoesNotMatch_andServerKeepsServing() {
        try (S3Client bad = S3Client.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(coffer.accessKeyId(), "wrong-secret-wrong-secret")))
                .build()) {
            assertThatThrownBy(bad::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
        try (S3Client s3 = coffer.s3()) {
            assertThat(s3.listBuckets().sdkHttpResponse().isSuccessful()).isTrue();
        }
    }

    @Test
    void request_withUnknownAccessKey_failsWithInvalidAccessKeyId() {
        try (S3Client bad = S3Client.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "whatever-whatever")))
                .build()) {
            assertThatThrownBy(bad::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }
}
