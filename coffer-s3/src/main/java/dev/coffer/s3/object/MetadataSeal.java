package dev.coffer.s3.object;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.HkdfAesGcm;
import dev.coffer.crypto.Secret;
import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.sse.ObjectBinding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seals an object's {@link ObjectHeaders} under its data key, so that no metadata value is stored in
 * plaintext.
 *
 * <p>Sealed format, version 1 — frozen ({@code objects.sealed_metadata}):
 * {@code 0x01 ‖ salt (16) ‖ iv (12) ‖ AES-256-GCM(HKDF-SHA256(DEK, salt, "coffer s3 metadata v1"), iv,
 * associated data = ObjectBinding.associatedData("metadata"), plaintext) ‖ tag (16)}.
 * The plaintext is a sequence of entries {@code uint16_be(name length) ‖ name ‖ uint32_be(value length) ‖
 * value} (UTF-8): the standard headers under their HTTP names ({@code Content-Type}, …) and user metadata
 * under {@code x-amz-meta-<name>}, in the order they were given.
 */
final class MetadataSeal {
    private static final byte VERSION = 0x01;
    private static final byte[] INFO = "coffer s3 metadata v1".getBytes(UTF_8);
    private static final String META = "x-amz-meta-";

    private MetadataSeal() {}

    static byte[] seal(Secret dek, ObjectBinding where, ObjectHeaders headers, SecureRandom random) {
        byte[] plaintext = encode(headers);
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] out = new byte[1 + 16 + 12 + plaintext.length + 16];
        out[0] = VERSION;
        System.arraycopy(salt, 0, out, 1, 16);
        System.arraycopy(iv, 0, out, 17, 12);
        HkdfAesGcm.seal(dek, salt, INFO, iv, where.associatedData("metadata"), plaintext, 0, plaintext.length, out, 29);
        Arrays.fill(plaintext, (byte) 0);
        return out;
    }

    static ObjectHeaders open(Secret dek, ObjectBinding where, byte[] sealed) {
        if (sealed == null || sealed.length < 45 || sealed[0] != VERSION) {
            throw new CofferBugException("sealed metadata is malformed");
        }
        try {
            byte[] plaintext = HkdfAesGcm.open(dek, Arrays.copyOfRange(sealed, 1, 17), INFO,
                    Arrays.copyOfRange(sealed, 17, 29), where.associatedData("metadata"), sealed, 29, sealed.length - 29);
            return decode(plaintext);
        } catch (CryptoException e) {
            throw new CofferBugException("sealed metadata failed authentication", e);
        }
    }

    private static byte[] encode(ObjectHeaders h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        put(out, "Content-Type", h.contentType());
        put(out, "Content-Encoding", h.contentEncoding());
        put(out, "Content-Disposition", h.contentDisposition());
        put(out, "Content-Language", h.contentLanguage());
        put(out, "Cache-Control", h.cacheControl());
        put(out, "Expires", h.expires());
        h.userMetadata().forEach((k, v) -> put(out, META + k, Optional.of(v)));
        return out.toByteArray();
    }

    private static void put(ByteArrayOutputStream out, String name, Optional<String> value) {
        if (value.isEmpty()) {
            return;
        }
        byte[] n = name.getBytes(UTF_8);
        byte[] v = value.get().getBytes(UTF_8);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) n.length).array());
        out.writeBytes(n);
        out.writeBytes(ByteBuffer.allocate(4).putInt(v.length).array());
        out.writeBytes(v);
    }

    private static ObjectHeaders decode(byte[] plaintext) {
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        Map<String, String> standard = new LinkedHashMap<>();
        LinkedHashMap<String, String> user = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            byte[] n = new byte[in.getShort() & 0xffff];
            in.get(n);
            byte[] v = new byte[in.getInt()];
            in.get(v);
            String name = new String(n, UTF_8);
            String value = new String(v, UTF_8);
            if (name.startsWith(META)) {
                user.put(name.substring(META.length()), value);
            } else {
                standard.put(name, value);
            }
        }
        return new ObjectHeaders(get(standard, "Content-Type"), get(standard, "Content-Encoding"),
                get(standard, "Content-Disposition"), get(standard, "Content-Language"),
                get(standard, "Cache-Control"), get(standard, "Expires"), user);
    }

    private static Optional<String> get(Map<String, String> m, String name) {
        return Optional.ofNullable(m.get(name));
    }
}
