package dev.coffer.kms;

/**
 * Every KMS error Coffer returns, with AWS's {@code __type}, HTTP status and default message (from the AWS
 * KMS API reference and its service model). The server writes them as JSON 1.1 errors.
 */
public enum KmsErrorCode {
    ACCESS_DENIED("AccessDeniedException", 400, "User is not authorized to perform this operation."),
    ALREADY_EXISTS("AlreadyExistsException", 400, "The resource already exists."),
    CONFLICT("ConflictException", 400, "The request conflicts with the current state of the resource."),
    DEPENDENCY_TIMEOUT("DependencyTimeoutException", 503, "The system timed out while trying to fulfill the request."),
    DISABLED("DisabledException", 400, "The key is disabled."),
    DRY_RUN_OPERATION("DryRunOperationException", 412,
            "The request would have succeeded, but the DryRun option is set."),
    EXPIRED_IMPORT_TOKEN("ExpiredImportTokenException", 400, "The import token has expired."),
    INCORRECT_KEY("IncorrectKeyException", 400,
            "The key ID in the request does not identify a CMK that can perform this operation."),
    INCORRECT_KEY_MATERIAL("IncorrectKeyMaterialException", 400,
            "The key material in the request is, expired, invalid, or is not the same key material that was"
                    + " previously imported into this customer master key (CMK)."),
    INVALID_ALIAS_NAME("InvalidAliasNameException", 400, "The alias name is not valid."),
    INVALID_ARN("InvalidArnException", 400, "The ARN is not valid."),
    INVALID_CIPHERTEXT("InvalidCiphertextException", 400, null),
    INVALID_GRANT_ID("InvalidGrantIdException", 400, "The grant id is not valid."),
    INVALID_GRANT_TOKEN("InvalidGrantTokenException", 400, "The grant token is not valid."),
    INVALID_IMPORT_TOKEN("InvalidImportTokenException", 400, "The import token is not valid."),
    INVALID_KEY_USAGE("InvalidKeyUsageException", 400, "The key usage is not valid for this operation."),
    INVALID_MARKER("InvalidMarkerException", 400, "Invalid marker"),
    INVALID_STATE("KMSInvalidStateException", 400, "The key is not in a valid state for this operation."),
    INVALID_MAC("KMSInvalidMacException", 400, "The MAC does not verify."),
    INVALID_SIGNATURE("KMSInvalidSignatureException", 400, "The signature does not verify."),
    INTERNAL("KMSInternalException", 500, "An internal error occurred."),
    KEY_UNAVAILABLE("KeyUnavailableException", 500, "The key is unavailable."),
    LIMIT_EXCEEDED("LimitExceededException", 400, "A limit was exceeded."),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocumentException", 400, "The policy document is malformed."),
    NOT_AUTHORIZED("NotAuthorizedException", 400, null),
    NOT_FOUND("NotFoundException", 400, "The resource was not found."),
    TAG("TagException", 400, "One or more tags are not valid."),
    UNSUPPORTED_OPERATION("UnsupportedOperationException", 400, "The operation is not supported."),
    VALIDATION("ValidationException", 400, "The input fails to satisfy the constraints."),
    THROTTLING("ThrottlingException", 400,
            "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.");

    private final String type;
    private final int httpStatus;
    private final String defaultMessage;

    KmsErrorCode(String type, int httpStatus, String defaultMessage) {
        this.type = type;
        this.httpStatus = httpStatus;
        this.defaultMessage = defaultMessage;
    }

    /** The {@code __type} on the wire, e.g. {@code NotFoundException}. */
    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The message when none is more specific; null where AWS sends none. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
