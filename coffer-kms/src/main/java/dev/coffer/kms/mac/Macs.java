package dev.coffer.kms.mac;

import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.mac.Hmac;
import dev.coffer.crypto.mac.HmacKey;
import dev.coffer.crypto.mac.HmacKeySpec;
import dev.coffer.crypto.mac.MacAlgorithm;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.LiveKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GenerateMac and VerifyMac with HMAC keys (key usage GENERATE_VERIFY_MAC): standard HMAC tags, so a tag
 * computed anywhere with the same key bytes verifies. A tag that does not verify is KMSInvalidMacException.
 * Like the symmetric operations these run from memory.
 */
public final class Macs {
    /** The service model's MacAlgorithmSpec. */
    static final List<String> ALGORITHMS = List.of("HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512");
    /** The service model's MacType: up to 6,144 bytes. */
    public static final int MAX_MAC = 6144;

    /** GenerateMac. */
    public record GenerateMac(String keyId, byte[] message, Optional<String> macAlgorithm, boolean dryRun) {
        public GenerateMac {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(macAlgorithm, "macAlgorithm");
        }
    }

    public record Mac(String keyArn, byte[] mac, String macAlgorithm) {}

    /** VerifyMac. */
    public record VerifyMac(String keyId, byte[] message, byte[] mac, Optional<String> macAlgorithm, boolean dryRun) {
        public VerifyMac {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(macAlgorithm, "macAlgorithm");
        }
    }

    /** A tag that verified. */
    public record MacVerified(String keyArn, String macAlgorithm) {}

    private final KeyUse use;

    public Macs(KeyUse use) {
        this.use = use;
    }

    public Mac generate(Principal caller, GenerateMac request) {
        KeyUse.checkLength("message", request.message(), 1, Hmac.MAX_MESSAGE_BYTES);
        String algorithm = KeyUse.requiredEnum("macAlgorithm", request.macAlgorithm(), ALGORITHMS);
        LiveKey key = use.usable(caller, request.keyId(), "GENERATE_VERIFY_MAC", "GenerateMac");
        HmacKey hmac = hmacKey(key);
        KeyUse.dryRun(request.dryRun());
        try {
            byte[] tag = Hmac.compute(hmac, MacAlgorithm.fromWireName(algorithm).orElseThrow(), request.message());
            use.used(key, "GenerateMac");
            return new Mac(key.meta().arn(), tag, algorithm);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    public MacVerified verify(Principal caller, VerifyMac request) {
        KeyUse.checkLength("message", request.message(), 1, Hmac.MAX_MESSAGE_BYTES);
        KeyUse.checkLength("mac", request.mac(), 1, MAX_MAC);
        String algorithm = KeyUse.requiredEnum("macAlgorithm", request.macAlgorithm(), ALGORITHMS);
        LiveKey key = use.usable(caller, request.keyId(), "GENERATE_VERIFY_MAC", "VerifyMac");
        HmacKey hmac = hmacKey(key);
        KeyUse.dryRun(request.dryRun());
        try {
            boolean valid = Hmac.verify(hmac, MacAlgorithm.fromWireName(algorithm).orElseThrow(), request.message(),
                    request.mac());
            use.used(key, "VerifyMac");
            if (!valid) {
                throw new KmsException(KmsErrorCode.INVALID_MAC);
            }
            return new MacVerified(key.meta().arn(), algorithm);
        } catch (KeyOperationException e) {
            throw KeyUse.refused(e);
        }
    }

    /** The key's bytes as an HMAC key; not closed here, since the bytes belong to the key version. */
    private static HmacKey hmacKey(LiveKey key) {
        HmacKeySpec spec = HmacKeySpec.fromWireName(key.meta().keySpec()).orElseThrow(() -> new IllegalStateException(
                key.meta().arn() + " has usage GENERATE_VERIFY_MAC but spec " + key.meta().keySpec()));
        try {
            return HmacKey.of(spec, key.current().material());
        } catch (KeyOperationException e) {
            throw new IllegalStateException("stored HMAC material of " + key.meta().arn() + " has a bad length", e);
        }
    }
}
