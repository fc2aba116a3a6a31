package dev.coffer.kms.internal;

import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import java.util.List;
import java.util.Optional;

/**
 * What the asymmetric, HMAC and key-agreement operations share: finding a key that is usable now and whose
 * KeyUsage allows the operation, turning the crypto module's refusals into KMS errors, DryRun, and recording
 * the use for GetKeyLastUsage.
 */
public final class KeyUse {
    private final KmsContext ctx;
    private final KeyResolver resolver;

    public KeyUse(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    public KmsContext ctx() {
        return ctx;
    }

    public KeyResolver resolver() {
        return resolver;
    }

    /**
     * The key, enabled, with KeyUsage {@code usage}; else DisabledException / KMSInvalidStateException /
     * InvalidKeyUsageException, in AWS's order (state first).
     */
    public LiveKey usable(Principal caller, String keyRef, String usage, String operation) {
        LiveKey key = resolver.resolve(caller, keyRef);
        KeyResolver.requireUsable(key.meta());
        if (!key.meta().keyUsage().equals(usage)) {
            throw wrongUsage(key.meta(), operation);
        }
        return key;
    }

    public static KmsException wrongUsage(KeyRecord k, String operation) {
        return new KmsException(KmsErrorCode.INVALID_KEY_USAGE, k.arn() + " key usage is " + k.keyUsage()
                + " which is not valid for " + operation + ".");
    }

    /** The crypto module refused: the reason says which KMS error it is; the message is safe to show. */
    public static KmsException refused(KeyOperationException e) {
        return switch (e.reason()) {
            case INVALID_INPUT, INVALID_PUBLIC_KEY -> KmsException.validation(e.getMessage());
            case INCOMPATIBLE_ALGORITHM -> new KmsException(KmsErrorCode.INVALID_KEY_USAGE, e.getMessage());
            case INVALID_CIPHERTEXT -> new KmsException(KmsErrorCode.INVALID_CIPHERTEXT, null);
            case INVALID_KEY_MATERIAL -> new KmsException(KmsErrorCode.INCORRECT_KEY_MATERIAL, e.getMessage());
        };
    }

    public static void dryRun(boolean dryRun) {
        if (dryRun) {
            throw new KmsException(KmsErrorCode.DRY_RUN_OPERATION);
        }
    }

    public void used(LiveKey key, String operation) {
        ctx.registry().recordUse(key.meta().keyId(), operation, ctx.now(), null);
    }

    /** A required enum member: absent is AWS's "must not be null", unknown is its enum-set message. */
    public static String requiredEnum(String member, Optional<String> value, List<String> allowed) {
        String v = value.orElseThrow(() -> KmsException.validation("1 validation error detected: Value null at '"
                + member + "' failed to satisfy constraint: Member must not be null"));
        return checkEnum(member, v, allowed);
    }

    public static String checkEnum(String member, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw KmsException.validation(member, value, "Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    /** A blob member's length limits, with AWS's wording. */
    public static void checkLength(String member, byte[] value, int min, int max) {
        if (value.length < min) {
            throw KmsException.validation(member, null, "Member must have length greater than or equal to " + min);
        }
        if (value.length > max) {
            throw KmsException.validation(member, null, "Member must have length less than or equal to " + max);
        }
    }

    /** The version a new operation uses; its parsed key pair (present for asymmetric keys). */
    public static KeyVersion.KeyPair keyPair(LiveKey key) {
        return key.current().keyPair().orElseThrow(() -> new IllegalStateException(key.meta().arn()
                + " has no key pair"));
    }
}
