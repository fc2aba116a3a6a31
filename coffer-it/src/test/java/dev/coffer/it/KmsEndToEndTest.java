package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** KMS routing and authentication; the KMS operations themselves arrive with the KMS issue. */
class KmsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void anyOperation_beforeKmsExists_failsWithUnknownOperationException() {
        try (KmsClient kms = coffer.kms()) {
            assertThatThrownBy(kms::listKeys).isInstanceOfSatisfying(KmsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.requestId()).isNotBlank();
            });
        }
    }

    @Test
    void request_withUnknownAccessKey_failsWithUnrecognizedClientException() {
        try (KmsClient kms = KmsClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "whatever-whatever")))
                .build()) {
            assertThatThrownBy(kms::listKeys).isInstanceOfSatisfying(KmsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void request_withWrongSecret_failsWithInvalidSignatureException() {
        try (KmsClient kms = KmsClient.builder().endpointOverride(coffer.http()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(coffer.accessKeyId(), "wrong-secret-wrong-secret")))
                .build()) {
            assertThatThrownBy(kms::listKeys).isInstanceOfSatisfying(KmsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }
}
