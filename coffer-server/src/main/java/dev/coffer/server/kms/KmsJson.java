package dev.coffer.server.kms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.tag.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KMS JSON 1.1 request body, parsed once with jackson-core into plain maps and lists, and read member by
 * member the way AWS validates: a member of the wrong JSON type or bad base64 is {@code
 * SerializationException}; a missing required member is {@code ValidationException} with AWS's wording.
 */
final class KmsJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build();

    private final Map<String, Object> members;

    private KmsJson(Map<String, Object> members) {
        this.members = members;
    }

    static KmsJson parse(byte[] body) {
        if (body.length == 0) {
            return new KmsJson(Map.of());
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw serialization("Start of structure or map found where not expected.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) value(p);
            if (p.nextToken() != null) {
                throw serialization("Unexpected content after the request object.");
            }
            return new KmsJson(m);
        } catch (IOException e) {
            throw serialization("The request body is not valid JSON.");
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw serialization("Unexpected JSON token.");
        }
    }

    static KmsWireError serialization(String message) {
        return new KmsWireError(400, "SerializationException", message);
    }

    private static KmsException missing(String wireName) {
        return KmsException.validation("1 validation error detected: Value null at '" + lower(wireName)
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** AWS names members in messages with a lower-case first letter: 'keyId'. */
    static String lower(String wireName) {
        return Character.toLowerCase(wireName.charAt(0)) + wireName.substring(1);
    }

    /** Whether the member is present and not null. */
    boolean has(String name) {
        return members.get(name) != null;
    }

    /** The member as parsed (map, list, string, number, boolean), for structures no typed reader covers. */
    Object raw(String name) {
        return members.get(name);
    }

    Optional<String> string(String name) {
        Object v = members.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw serialization("Unexpected value type for " + name + ": expected a string.");
        }
        return Optional.of(s);
    }

    /** A required string of at least {@code min} characters. */
    String requiredString(String name) {
        String s = string(name).orElseThrow(() -> missing(name));
        if (s.isEmpty()) {
            throw KmsException.validation(lower(name), s, "Member must have length greater than or equal to 1");
        }
        return s;
    }

    Optional<Integer> integer(String name) {
        Object v = members.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Integer i)) {
            throw serialization("Unexpected value type for " + name + ": expected an integer.");
        }
        return Optional.of(i);
    }

    boolean bool(String name) {
        Object v = members.get(name);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw serialization("Unexpected value type for " + name + ": expected a boolean.");
        }
        return b;
    }

    Optional<byte[]> blob(String name) {
        Optional<String> s = string(name);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(s.get()));
        } catch (IllegalArgumentException e) {
            throw serialization("Base64 encoded value for " + name + " is not valid.");
        }
    }

    byte[] requiredBlob(String name) {
        return blob(name).orElseThrow(() -> missing(name));
    }

    /** A string map such as EncryptionContext; absent is empty. */
    Map<String, String> stringMap(String name) {
        Object v = members.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw serialization("Unexpected value type for " + name + ": expected a map.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw serialization("Unexpected value type in " + name + ": expected a string.");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    List<String> stringList(String name, boolean required) {
        Object v = members.get(name);
        if (v == null) {
            if (required) {
                throw missing(name);
            }
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw serialization("Unexpected value type for " + name + ": expected a list.");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw serialization("Unexpected value type in " + name + ": expected a string.");
            }
            out.add(s);
        }
        return out;
    }

    List<Tag> tags(String name, boolean required) {
        Object v = members.get(name);
        if (v == null) {
            if (required) {
                throw missing(name);
            }
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw serialization("Unexpected value type for " + name + ": expected a list.");
        }
        List<Tag> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw serialization("Unexpected value type in " + name + ": expected a structure.");
            }
            Object k = m.get("TagKey");
            Object val = m.get("TagValue");
            if (k == null) {
                throw KmsException.validation("1 validation error detected: Value null at 'tags." + (i + 1)
                        + ".member.tagKey' failed to satisfy constraint: Member must not be null");
            }
            if (val == null) {
                throw KmsException.validation("1 validation error detected: Value null at 'tags." + (i + 1)
                        + ".member.tagValue' failed to satisfy constraint: Member must not be null");
            }
            if (!(k instanceof String ks) || !(val instanceof String vs)) {
                throw serialization("Unexpected value type in " + name + ": expected a string.");
            }
            out.add(new Tag(ks, vs));
        }
        return out;
    }
}
