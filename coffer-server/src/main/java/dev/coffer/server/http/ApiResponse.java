package dev.coffer.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapter answers: a status, headers, and a body that is either held in memory (documents) or
 * written by a {@link BodyWriter} straight to the connection (object downloads).
 */
public record ApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body,
        Optional<BodyWriter> streamingBody) {
    public ApiResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(streamingBody, "streamingBody");
        if (streamingBody.isPresent() && body.length > 0) {
            throw new IllegalArgumentException("a response has one body");
        }
    }

    public ApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this(status, headers, body, Optional.empty());
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    /**
     * Writes a response body of a length announced in advance (the response carries its Content-Length).
     * If {@link #writeTo} throws after the headers went out, the server aborts the connection, so the client
     * sees a failed transfer, never a short or unauthenticated body taken for a whole one. {@link #close()}
     * runs once the response is done, written or not.
     */
    public interface BodyWriter extends AutoCloseable {
        void writeTo(OutputStream out) throws IOException;

        @Override
        default void close() {
        }
    }

    /** Builds a response; headers keep their order and may repeat. */
    public static final class Builder {
        private final int status;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private BodyWriter writer;

        private Builder(int status) {
            this.status = status;
        }

        public Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder body(String contentType, byte[] bytes) {
            headers.add(Map.entry("Content-Type", contentType));
            this.body = bytes;
            return this;
        }

        public Builder body(String contentType, String text) {
            return body(contentType, text.getBytes(UTF_8));
        }

        /** A body of exactly {@code contentLength} bytes, written by {@code writer}; sets Content-Length. */
        public Builder stream(long contentLength, BodyWriter writer) {
            headers.add(Map.entry("Content-Length", Long.toString(contentLength)));
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        public ApiResponse build() {
            return new ApiResponse(status, headers, body, Optional.ofNullable(writer));
        }
    }
}
