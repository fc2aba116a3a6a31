package dev.coffer.server.http;

/** A request the server cannot even route (an unreadable query string); each adapter maps it to its 400. */
public final class MalformedRequestException extends RuntimeException implements ClientError {
    public MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
