package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void getCallerIdentity_ofRoot_returnsAccountAndRootArn() {
        try (StsClient sts = coffer.sts()) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo(coffer.accountId()).matches("[1-9][0-9]{11}");
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + coffer.accountId() + ":root");
            assertThat(me.userId()).isEqualTo(coffer.accountId());
        }
    }

    @Test
    void getCallerIdentity_withWrongSecret_failsWithSignatureDoesNotMatch() {
        try (StsClient sts = StsClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(coffer.accessKeyId(), "wrong-secret-wrong-secret")))
                .build()) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void getCallerIdentity_withUnknownAccessKey_failsWithInvalidClientTokenId() {
        try (StsClient sts = StsClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "whatever-whatever")))
                .build()) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }
}
