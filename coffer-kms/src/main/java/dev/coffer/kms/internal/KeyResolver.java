package dev.coffer.kms.internal;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.key.KeyState;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns whatever AWS accepts as a {@code KeyId} — key id, key ARN, alias name, alias ARN — into the
 * caller's key, from memory. Keys of other accounts are invisible: they resolve to {@code NotFoundException}.
 */
public final class KeyResolver {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The {@code KeyManager} of keys that a service creates and manages for the account. */
    public static final String AWS_MANAGER = "AWS";

    private final KmsContext ctx;

    public KeyResolver(KmsContext ctx) {
        this.ctx = ctx;
    }

    /** Any form of key reference, aliases included. */
    public LiveKey resolve(Principal caller, String keyRef) {
        return resolve(caller, keyRef, true);
    }

    /** Only a key id or key ARN (CreateAlias targets, ListAliases filters). */
    public LiveKey resolveKeyOnly(Principal caller, String keyRef) {
        return resolve(caller, keyRef, false);
    }

    private LiveKey resolve(Principal caller, String keyRef, boolean aliases) {
        String ref = keyRef;
        if (ref.startsWith("arn:")) {
            String prefix = "arn:aws:kms:" + ctx.region() + ":" + caller.accountId() + ":";
            if (!ref.startsWith(prefix)) {
                if (ref.matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+")) {
                    throw keyNotFound(ref);
                }
                throw KmsException.notFound("Invalid arn " + ref);
            }
            ref = ref.substring(prefix.length());
            if (ref.startsWith("key/")) {
                ref = ref.substring(4);
            } else if (!ref.startsWith("alias/")) {
                throw KmsException.notFound("Invalid arn " + keyRef);
            }
        }
        if (ref.startsWith("alias/")) {
            if (!aliases) {
                throw KmsException.notFound("Invalid keyId '" + keyRef + "'");
            }
            String keyId = ctx.registry().alias(new AliasRef(caller.accountId(), ref)).orElseThrow(
                    () -> KmsException.notFound("Alias " + ctx.aliasArn(caller, keyRefAlias(keyRef)) + " is not found."));
            return visible(caller, keyId);
        }
        if (!UUID.matcher(ref).matches()) {
            throw KmsException.notFound("Invalid keyId '" + keyRef + "'");
        }
        return visible(caller, ref);
    }

    private static String keyRefAlias(String keyRef) {
        int i = keyRef.indexOf("alias/");
        return keyRef.substring(i);
    }

    private LiveKey visible(Principal caller, String keyId) {
        Optional<LiveKey> k = ctx.registry().get(keyId);
        if (k.isEmpty() || !k.get().meta().accountId().equals(caller.accountId())) {
            throw keyNotFound(ctx.keyArn(caller.accountId(), keyId));
        }
        return k.get();
    }

    public static KmsException keyNotFound(String arn) {
        return KmsException.notFound("Key '" + arn + "' does not exist");
    }

    /** Fails unless the key can be used for cryptography now. */
    public static void requireUsable(KeyRecord k) {
        switch (k.state()) {
            case ENABLED -> { }
            case DISABLED -> throw new KmsException(KmsErrorCode.DISABLED, k.arn() + " is disabled.");
            case PENDING_DELETION -> throw KmsException.invalidState(k.arn() + " is pending deletion.");
            case PENDING_IMPORT -> throw KmsException.invalidState(k.arn() + " is pending import.");
            default -> throw KmsException.invalidState(k.arn() + " is " + k.state().wire() + ".");
        }
    }

    /**
     * Fails for an AWS managed key ({@code KeyManager} AWS): its key policy lets the account use it through its
     * service and read its metadata, never change it, so AWS answers every change with the policy's denial.
     *
     * @param action the IAM action without its {@code kms:} prefix, e.g. {@code DisableKey}
     */
    public static void requireCustomerManaged(Principal caller, KeyRecord k, String action) {
        if (k.keyManager().equals(AWS_MANAGER)) {
            throw new KmsException(KmsErrorCode.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to"
                    + " perform: kms:" + action + " on resource: " + k.arn() + " because no resource-based policy"
                    + " allows the kms:" + action + " action");
        }
    }

    /** Fails when the key is pending deletion: most management operations are refused then. */
    public static void requireNotPendingDeletion(KeyRecord k) {
        if (k.state() == KeyState.PENDING_DELETION) {
            throw KmsException.invalidState(k.arn() + " is pending deletion.");
        }
    }
}
