package dev.coffer.server.sts;

import dev.coffer.server.http.ClientError;

/** A Query-protocol error raised by the adapter: its code, status and message. */
final class QueryError extends RuntimeException implements ClientError {
    private final int status;
    private final String code;

    QueryError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
