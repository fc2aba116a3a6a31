package dev.coffer.s3.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * SSE-KMS encryption contexts: the {@code x-amz-server-side-encryption-context} header (base64 of a JSON
 * object of strings) and the stored form ({@code objects.kms_context}): the same JSON with its keys sorted, so
 * that one context has one stored form.
 */
public final class KmsContexts {
    /** The key S3 adds to every context: the object's ARN (the bucket's with a bucket key). */
    public static final String S3_ARN = "aws:s3:arn";
    private static final JsonFactory JSON = new JsonFactory();

    private KmsContexts() {}

    /** The context a request header carries; S3's {@code InvalidArgument} if it is not base64 JSON of strings. */
    public static SortedMap<String, String> parseHeader(String base64) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        try {
            return parse(new String(json, UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The stored form, read back. */
    static SortedMap<String, String> fromStored(String json) {
        try {
            return parse(json);
        } catch (IOException | IllegalArgumentException e) {
            throw new CofferBugException("stored encryption context is not JSON", e);
        }
    }

    static String toStored(Map<String, String> context) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new CofferBugException("cannot write JSON", e);
        }
        return out.toString();
    }

    static String toHeader(String stored) {
        return Base64.getEncoder().encodeToString(stored.getBytes(UTF_8));
    }

    private static SortedMap<String, String> parse(String json) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new IllegalArgumentException("not a field");
                }
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING || out.put(name, p.getText()) != null) {
                    throw new IllegalArgumentException("not a string, or a repeated name");
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content");
            }
        }
        return out;
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The header 'x-amz-server-side-encryption-context' shall be "
                + "Base64-encoded UTF-8 string holding JSON which represents a string-string map");
    }
}
