package dev.coffer.server.kms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes one JSON 1.1 response object: timestamps as epoch seconds with a fractional part (as AWS sends
 * them), binary members as base64.
 */
final class JsonOut implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    final JsonGenerator g;

    JsonOut() {
        try {
            g = JSON.createGenerator(buffer);
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonOut str(String name, String value) throws IOException {
        g.writeStringField(name, value);
        return this;
    }

    JsonOut str(String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
        return this;
    }

    JsonOut bool(String name, boolean value) throws IOException {
        g.writeBooleanField(name, value);
        return this;
    }

    JsonOut num(String name, int value) throws IOException {
        g.writeNumberField(name, value);
        return this;
    }

    JsonOut date(String name, Instant value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
        return this;
    }

    JsonOut date(String name, Optional<Instant> value) throws IOException {
        if (value.isPresent()) {
            date(name, value.get());
        }
        return this;
    }

    JsonOut blob(String name, byte[] value) throws IOException {
        g.writeStringField(name, Base64.getEncoder().encodeToString(value));
        return this;
    }

    /** The finished document. */
    byte[] bytes() {
        try {
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
