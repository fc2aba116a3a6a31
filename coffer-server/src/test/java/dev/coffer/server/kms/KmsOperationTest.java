package dev.coffer.server.kms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KmsOperationTest {
    @ParameterizedTest
    @CsvSource({
        "TrentService.Encrypt, ENCRYPT, kms:Encrypt, READ",
        "TrentService.CreateKey, CREATE_KEY, kms:CreateKey, WRITE",
        "TrentService.GenerateDataKeyWithoutPlaintext, GENERATE_DATA_KEY_WITHOUT_PLAINTEXT, kms:GenerateDataKeyWithoutPlaintext, READ",
        "TrentService.ScheduleKeyDeletion, SCHEDULE_KEY_DELETION, kms:ScheduleKeyDeletion, WRITE",
        "TrentService.GetKeyLastUsage, GET_KEY_LAST_USAGE, kms:GetKeyLastUsage, READ",
    })
    void fromTarget_mapsToOperationWithIamActionAndAccess(String target, KmsOperation op, String action,
            KmsOperation.Access access) {
        assertThat(KmsOperation.fromTarget(target)).contains(op);
        assertThat(op.iamAction()).isEqualTo(action);
        assertThat(op.access()).isEqualTo(access);
    }

    @ParameterizedTest
    @CsvSource({"TrentService.Nope", "Other.Encrypt", "TrentService."})
    void fromTarget_ofUnknownTarget_isEmpty(String target) {
        assertThat(KmsOperation.fromTarget(target)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void everyTrentServiceOperation_isListed() {
        assertThat(KmsOperation.values()).hasSize(56);
    }
}
