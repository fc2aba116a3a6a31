package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Rotations and deletions the scheduler runs when their time comes, with the server's clock moved forward
 * (the SDK signs with its own clock, so the jumps stay within SigV4's skew window by moving the server
 * clock and then back: each test restores the offset).
 */
class KmsSchedulerEndToEndTest {
    private static final MovableClock CLOCK = new MovableClock();
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension(CLOCK);

    @Test
    void automaticRotation_afterAYear_keepsOlderCiphertextsDecryptable() {
        try (KmsClient kms = coffer.kms()) {
            String key = kms.createKey(r -> { }).keyMetadata().keyId();
            kms.enableKeyRotation(r -> r.keyId(key));
            SdkBytes old = kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("year one")))
                    .ciphertextBlob();
            String material = kms.describeKey(r -> r.keyId(key)).keyMetadata().currentKeyMaterialId();

            CLOCK.advance(Duration.ofDays(366));
            try {
                assertThat(coffer.node().runKmsScheduler().rotated()).isGreaterThanOrEqualTo(1);
            } finally {
                CLOCK.reset();
            }
            assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().currentKeyMaterialId()).isNotEqualTo(material);
            assertThat(kms.listKeyRotations(r -> r.keyId(key)).rotations().getFirst().rotationTypeAsString())
                    .isEqualTo("AUTOMATIC");
            assertThat(kms.decrypt(r -> r.ciphertextBlob(old)).plaintext().asUtf8String()).isEqualTo("year one");
        }
    }

    @Test
    void keyPastItsDeletionDate_isGoneForGood() {
        try (KmsClient kms = coffer.kms()) {
            String key = kms.createKey(r -> { }).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/doomed").targetKeyId(key));
            SdkBytes blob = kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("lost"))).ciphertextBlob();
            kms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));

            CLOCK.advance(Duration.ofDays(6));
            try {
                assertThat(coffer.node().runKmsScheduler().destroyed()).isZero();
                CLOCK.advance(Duration.ofDays(2));
                assertThat(coffer.node().runKmsScheduler().destroyed()).isGreaterThanOrEqualTo(1);
            } finally {
                CLOCK.reset();
            }
            assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(key))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("alias/doomed"))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob))).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThat(kms.listKeys().keys()).noneMatch(k -> k.keyId().equals(key));
        }
    }

    /** The system clock plus an offset that tests move. */
    static final class MovableClock implements InstantSource {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
