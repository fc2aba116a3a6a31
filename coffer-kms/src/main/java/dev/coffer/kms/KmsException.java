package dev.coffer.kms;

import java.util.Objects;

/**
 * The one error type of the KMS domain. Its message is shown to the client, so it never holds plaintext,
 * key material or an encryption context value.
 */
public final class KmsException extends RuntimeException {
    private final KmsErrorCode code;

    public KmsException(KmsErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public KmsException(KmsErrorCode code) {
        this(code, code.defaultMessage());
    }

    public KmsErrorCode code() {
        return code;
    }

    public static KmsException notFound(String message) {
        return new KmsException(KmsErrorCode.NOT_FOUND, message);
    }

    /** AWS's wording for one failed constraint: "1 validation error detected: Value … at '…' failed …". */
    public static KmsException validation(String member, Object value, String constraint) {
        String shown = value == null ? "Value" : "Value '" + value + "'";
        return new KmsException(KmsErrorCode.VALIDATION, "1 validation error detected: " + shown + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    public static KmsException validation(String message) {
        return new KmsException(KmsErrorCode.VALIDATION, message);
    }

    public static KmsException invalidState(String message) {
        return new KmsException(KmsErrorCode.INVALID_STATE, message);
    }
}
