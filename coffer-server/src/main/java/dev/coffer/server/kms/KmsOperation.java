package dev.coffer.server.kms;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation of AWS KMS's {@code TrentService} (AWS SDK for Java 2.57), with the IAM action that
 * authorizes it ({@code kms:<Operation>}), the audit event name and whether it changes state. The adapter
 * turns {@code X-Amz-Target} into a constant once; a table test pins the mapping.
 */
public enum KmsOperation {
    CANCEL_KEY_DELETION("CancelKeyDeletion", Access.WRITE),
    CONNECT_CUSTOM_KEY_STORE("ConnectCustomKeyStore", Access.WRITE),
    CREATE_ALIAS("CreateAlias", Access.WRITE),
    CREATE_CUSTOM_KEY_STORE("CreateCustomKeyStore", Access.WRITE),
    CREATE_GRANT("CreateGrant", Access.WRITE),
    CREATE_KEY("CreateKey", Access.WRITE),
    DECAPSULATE("Decapsulate", Access.READ),
    DECRYPT("Decrypt", Access.READ),
    DELETE_ALIAS("DeleteAlias", Access.WRITE),
    DELETE_CUSTOM_KEY_STORE("DeleteCustomKeyStore", Access.WRITE),
    DELETE_IMPORTED_KEY_MATERIAL("DeleteImportedKeyMaterial", Access.WRITE),
    DERIVE_SHARED_SECRET("DeriveSharedSecret", Access.READ),
    DESCRIBE_CUSTOM_KEY_STORES("DescribeCustomKeyStores", Access.READ),
    DESCRIBE_KEY("DescribeKey", Access.READ),
    DISABLE_KEY("DisableKey", Access.WRITE),
    DISABLE_KEY_ROTATION("DisableKeyRotation", Access.WRITE),
    DISCONNECT_CUSTOM_KEY_STORE("DisconnectCustomKeyStore", Access.WRITE),
    ENABLE_KEY("EnableKey", Access.WRITE),
    ENABLE_KEY_ROTATION("EnableKeyRotation", Access.WRITE),
    ENCAPSULATE("Encapsulate", Access.READ),
    ENCRYPT("Encrypt", Access.READ),
    GENERATE_DATA_KEY("GenerateDataKey", Access.READ),
    GENERATE_DATA_KEY_PAIR("GenerateDataKeyPair", Access.READ),
    GENERATE_DATA_KEY_PAIR_WITHOUT_PLAINTEXT("GenerateDataKeyPairWithoutPlaintext", Access.READ),
    GENERATE_DATA_KEY_WITHOUT_PLAINTEXT("GenerateDataKeyWithoutPlaintext", Access.READ),
    GENERATE_MAC("GenerateMac", Access.READ),
    GENERATE_RANDOM("GenerateRandom", Access.READ),
    GET_KEY_LAST_USAGE("GetKeyLastUsage", Access.READ),
    GET_KEY_POLICY("GetKeyPolicy", Access.READ),
    GET_KEY_ROTATION_STATUS("GetKeyRotationStatus", Access.READ),
    GET_PARAMETERS_FOR_IMPORT("GetParametersForImport", Access.WRITE),
    GET_PUBLIC_KEY("GetPublicKey", Access.READ),
    IMPORT_KEY_MATERIAL("ImportKeyMaterial", Access.WRITE),
    LIST_ALIASES("ListAliases", Access.READ),
    LIST_GRANTS("ListGrants", Access.READ),
    LIST_KEY_POLICIES("ListKeyPolicies", Access.READ),
    LIST_KEY_ROTATIONS("ListKeyRotations", Access.READ),
    LIST_KEYS("ListKeys", Access.READ),
    LIST_RESOURCE_TAGS("ListResourceTags", Access.READ),
    LIST_RETIRABLE_GRANTS("ListRetirableGrants", Access.READ),
    PUT_KEY_POLICY("PutKeyPolicy", Access.WRITE),
    RE_ENCRYPT("ReEncrypt", Access.READ),
    REPLICATE_KEY("ReplicateKey", Access.WRITE),
    RETIRE_GRANT("RetireGrant", Access.WRITE),
    REVOKE_GRANT("RevokeGrant", Access.WRITE),
    ROTATE_KEY_ON_DEMAND("RotateKeyOnDemand", Access.WRITE),
    SCHEDULE_KEY_DELETION("ScheduleKeyDeletion", Access.WRITE),
    SIGN("Sign", Access.READ),
    TAG_RESOURCE("TagResource", Access.WRITE),
    UNTAG_RESOURCE("UntagResource", Access.WRITE),
    UPDATE_ALIAS("UpdateAlias", Access.WRITE),
    UPDATE_CUSTOM_KEY_STORE("UpdateCustomKeyStore", Access.WRITE),
    UPDATE_KEY_DESCRIPTION("UpdateKeyDescription", Access.WRITE),
    UPDATE_PRIMARY_REGION("UpdatePrimaryRegion", Access.WRITE),
    VERIFY("Verify", Access.READ),
    VERIFY_MAC("VerifyMac", Access.READ);

    /** Whether an operation reads or changes state. */
    public enum Access { READ, WRITE }

    private static final Map<String, KmsOperation> BY_NAME = new HashMap<>();

    static {
        for (KmsOperation op : values()) {
            BY_NAME.put(op.operationName, op);
        }
    }

    private final String operationName;
    private final Access access;

    KmsOperation(String operationName, Access access) {
        this.operationName = operationName;
        this.access = access;
    }

    /** The name in {@code X-Amz-Target: TrentService.<name>}. */
    public String operationName() {
        return operationName;
    }

    public String iamAction() {
        return "kms:" + operationName;
    }

    public String eventName() {
        return operationName;
    }

    public Access access() {
        return access;
    }

    /** Whether the request has a {@code GrantTokens} member (the service model's GrantTokenList). */
    public boolean takesGrantTokens() {
        return switch (this) {
            case CREATE_GRANT, DECAPSULATE, DECRYPT, DERIVE_SHARED_SECRET, DESCRIBE_KEY, ENCAPSULATE, ENCRYPT,
                 GENERATE_DATA_KEY, GENERATE_DATA_KEY_PAIR, GENERATE_DATA_KEY_PAIR_WITHOUT_PLAINTEXT,
                 GENERATE_DATA_KEY_WITHOUT_PLAINTEXT, GENERATE_MAC, GET_PUBLIC_KEY, RE_ENCRYPT, SIGN,
                 VERIFY, VERIFY_MAC -> true;
            default -> false;
        };
    }

    /** The operation a {@code X-Amz-Target} header names, if it names one. */
    public static Optional<KmsOperation> fromTarget(String target) {
        if (target == null || !target.startsWith("TrentService.")) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(target.substring("TrentService.".length())));
    }
}
