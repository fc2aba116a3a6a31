package dev.coffer.server.kms;

import dev.coffer.server.http.ClientError;

/**
 * A KMS error raised by the adapter itself (before the domain runs): the {@code __type}, the HTTP status
 * and the message.
 */
final class KmsWireError extends RuntimeException implements ClientError {
    private final int status;
    private final String type;

    KmsWireError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
