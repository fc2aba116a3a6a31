package dev.coffer.server.kms;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.grant.GrantTokens;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.Protocol;
import dev.coffer.server.http.ProtocolAdapter;
import dev.coffer.server.http.RequestContext;
import java.io.IOException;
import java.util.Objects;

/**
 * KMS over JSON 1.1: {@code X-Amz-Target: TrentService.<Operation>} names the operation once ({@link
 * KmsOperation}); the body is parsed once ({@link KmsJson}); the handler calls {@link KmsService}. Operations
 * not built yet answer {@code UnknownOperationException}, as AWS answers an operation it does not know.
 */
public final class KmsAdapter implements ProtocolAdapter {
    /** Larger than any KMS request (policies are at most 32 KB); bounds what a client can make us buffer. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final KmsService kms;
    private final KeyHandlers keys;
    private final CryptoHandlers crypto;
    private final AsymmetricHandlers asymmetric;
    private final GrantHandlers grants;
    private final ImportHandlers imports;

    public KmsAdapter(KmsService kms) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keys = new KeyHandlers(kms);
        this.crypto = new CryptoHandlers(kms);
        this.asymmetric = new AsymmetricHandlers(kms);
        this.grants = new GrantHandlers(kms);
        this.imports = new ImportHandlers(kms);
    }

    @Override
    public Protocol protocol() {
        return Protocol.KMS;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        byte[] body = request.body().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new KmsWireError(413, "ValidationException", "Request body is too large");
        }
        KmsOperation op = KmsOperation.fromTarget(request.headers().first("X-Amz-Target").orElse(null))
                .filter(o -> request.method().equals("POST"))
                .orElseThrow(() -> new KmsWireError(400, "UnknownOperationException", null));
        byte[] answer;
        try {
            answer = dispatch(op, request.principal(), KmsJson.parse(body));
        } catch (KmsException e) {
            // A client's mistake, not a server failure: answered here so that the request path does not log it.
            return KmsErrors.of(e, request.context());
        }
        return ApiResponse.status(200)
                .header("x-amzn-RequestId", request.context().requestId())
                .body(KmsErrors.CONTENT_TYPE, answer)
                .build();
    }

    private static final byte[] EMPTY = new byte[0];

    private byte[] dispatch(KmsOperation op, Principal caller, KmsJson in) throws IOException {
        if (op.takesGrantTokens()) {
            GrantTokens.check(in.stringList("GrantTokens", false));
        }
        return switch (op) {
            case CREATE_KEY -> keys.createKey(caller, in);
            case DESCRIBE_KEY -> keys.describeKey(caller, in);
            case LIST_KEYS -> keys.listKeys(caller, in);
            case UPDATE_KEY_DESCRIPTION -> {
                String keyId = in.requiredString("KeyId");
                kms.updateKeyDescription(caller, keyId, in.string("Description").orElseThrow(
                        () -> KmsException.validation("1 validation error detected: Value null at 'description'"
                                + " failed to satisfy constraint: Member must not be null")));
                yield EMPTY;
            }
            case ENABLE_KEY -> {
                kms.enableKey(caller, in.requiredString("KeyId"));
                yield EMPTY;
            }
            case DISABLE_KEY -> {
                kms.disableKey(caller, in.requiredString("KeyId"));
                yield EMPTY;
            }
            case SCHEDULE_KEY_DELETION -> keys.scheduleKeyDeletion(caller, in);
            case CANCEL_KEY_DELETION -> keys.keyIdOnly(kms.cancelKeyDeletion(caller, in.requiredString("KeyId")));
            case GET_KEY_LAST_USAGE -> keys.getKeyLastUsage(caller, in);
            case ENCRYPT -> crypto.encrypt(caller, in);
            case DECRYPT -> crypto.decrypt(caller, in);
            case RE_ENCRYPT -> crypto.reEncrypt(caller, in);
            case GENERATE_DATA_KEY -> crypto.generateDataKey(caller, in, true);
            case GENERATE_DATA_KEY_WITHOUT_PLAINTEXT -> crypto.generateDataKey(caller, in, false);
            case GENERATE_RANDOM -> crypto.generateRandom(caller, in);
            case CREATE_ALIAS -> {
                kms.createAlias(caller, in.requiredString("AliasName"), in.requiredString("TargetKeyId"));
                yield EMPTY;
            }
            case UPDATE_ALIAS -> {
                kms.updateAlias(caller, in.requiredString("AliasName"), in.requiredString("TargetKeyId"));
                yield EMPTY;
            }
            case DELETE_ALIAS -> {
                kms.deleteAlias(caller, in.requiredString("AliasName"));
                yield EMPTY;
            }
            case LIST_ALIASES -> keys.listAliases(caller, in);
            case ENABLE_KEY_ROTATION -> {
                kms.enableKeyRotation(caller, in.requiredString("KeyId"), in.integer("RotationPeriodInDays"));
                yield EMPTY;
            }
            case DISABLE_KEY_ROTATION -> {
                kms.disableKeyRotation(caller, in.requiredString("KeyId"));
                yield EMPTY;
            }
            case GET_KEY_ROTATION_STATUS -> keys.getKeyRotationStatus(caller, in);
            case ROTATE_KEY_ON_DEMAND -> keys.keyIdOnly(kms.rotateKeyOnDemand(caller, in.requiredString("KeyId")));
            case LIST_KEY_ROTATIONS -> keys.listKeyRotations(caller, in);
            case GET_KEY_POLICY -> keys.getKeyPolicy(caller, in);
            case PUT_KEY_POLICY -> {
                String keyId = in.requiredString("KeyId");
                kms.putKeyPolicy(caller, keyId, in.string("PolicyName"), in.requiredString("Policy"));
                yield EMPTY;
            }
            case LIST_KEY_POLICIES -> keys.listKeyPolicies(caller, in);
            case TAG_RESOURCE -> {
                String keyId = in.requiredString("KeyId");
                kms.tagResource(caller, keyId, in.tags("Tags", true));
                yield EMPTY;
            }
            case UNTAG_RESOURCE -> {
                String keyId = in.requiredString("KeyId");
                kms.untagResource(caller, keyId, in.stringList("TagKeys", true));
                yield EMPTY;
            }
            case LIST_RESOURCE_TAGS -> keys.listResourceTags(caller, in);
            case GET_PUBLIC_KEY -> asymmetric.getPublicKey(caller, in);
            case SIGN -> asymmetric.sign(caller, in);
            case VERIFY -> asymmetric.verify(caller, in);
            case GENERATE_DATA_KEY_PAIR -> asymmetric.generateDataKeyPair(caller, in, true);
            case GENERATE_DATA_KEY_PAIR_WITHOUT_PLAINTEXT -> asymmetric.generateDataKeyPair(caller, in, false);
            case DERIVE_SHARED_SECRET -> asymmetric.deriveSharedSecret(caller, in);
            case ENCAPSULATE -> asymmetric.encapsulate(caller, in);
            case DECAPSULATE -> asymmetric.decapsulate(caller, in);
            case GENERATE_MAC -> asymmetric.generateMac(caller, in);
            case VERIFY_MAC -> asymmetric.verifyMac(caller, in);
            case CREATE_GRANT -> grants.createGrant(caller, in);
            case LIST_GRANTS -> grants.listGrants(caller, in);
            case LIST_RETIRABLE_GRANTS -> grants.listRetirableGrants(caller, in);
            case RETIRE_GRANT -> {
                grants.retireGrant(caller, in);
                yield EMPTY;
            }
            case REVOKE_GRANT -> {
                grants.revokeGrant(caller, in);
                yield EMPTY;
            }
            case GET_PARAMETERS_FOR_IMPORT -> imports.getParametersForImport(caller, in);
            case IMPORT_KEY_MATERIAL -> imports.importKeyMaterial(caller, in);
            case DELETE_IMPORTED_KEY_MATERIAL -> imports.deleteImportedKeyMaterial(caller, in);
            case CONNECT_CUSTOM_KEY_STORE, CREATE_CUSTOM_KEY_STORE, DELETE_CUSTOM_KEY_STORE,
                 DESCRIBE_CUSTOM_KEY_STORES, DISCONNECT_CUSTOM_KEY_STORE, REPLICATE_KEY, UPDATE_CUSTOM_KEY_STORE,
                 UPDATE_PRIMARY_REGION ->
                    throw new KmsWireError(400, "UnknownOperationException", null);
        };
    }

    @Override
    public ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath) {
        return KmsErrors.of(failure, context);
    }
}
