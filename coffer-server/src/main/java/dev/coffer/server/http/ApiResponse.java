package dev.coffer.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter answers: a status, headers and a body held in memory. (Object downloads will add a
 * streaming body; every response so far is a small document.)
 */
public record ApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    public ApiResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    /** Builds a response; headers keep their order and may repeat. */
    public static final class Builder {
        private final int status;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];

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

        public ApiResponse build() {
            return new ApiResponse(status, headers, body);
        }
    }
}
