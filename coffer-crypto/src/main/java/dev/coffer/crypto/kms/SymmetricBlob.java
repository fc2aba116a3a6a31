package dev.coffer.crypto.kms;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.HkdfAesGcm;
import dev.coffer.crypto.Secret;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The KMS symmetric ciphertext blob: what {@code Encrypt} and {@code GenerateDataKey} return and
 * {@code Decrypt} takes. Self-describing, so {@code Decrypt} needs no key id.
 *
 * <p>Format version 1, frozen (customers store these blobs; never change it, add a format byte instead):
 * <pre>
 *   offset  size  field
 *   0       1     format        = 0x01
 *   1       16    key id        the KMS key's UUID, most significant byte first
 *   17      4     key version   uint32 big-endian, 1 for the key's first material, +1 per rotation
 *   21      16    salt          random per message
 *   37      12    iv            random per message
 *   49      n     ciphertext    n = plaintext length (1..4096 for Encrypt)
 *   49+n    16    tag           AES-GCM tag
 * </pre>
 * Per-message key: {@code K = HKDF-SHA256(ikm = the version's 32-byte material, salt = salt,
 * info = "coffer/kms/blob/v1", L = 32)}; then AES-256-GCM(K, iv) with associated data
 * <pre>
 *   AAD = blob[0..49)                         the whole header: format, key id, version, salt, iv
 *       ‖ uint16 BE  length of key ARN ‖ key ARN (UTF-8)
 *       ‖ canonical encryption context        see {@link #canonicalContext}
 * </pre>
 * so a blob opens only under its own key version and ARN, and only with the exact encryption context it
 * was made with. See {@code docs/kms-ciphertext-blob.md}; known-answer vectors are in the tests.
 */
public final class SymmetricBlob {
    /** Format byte of version 1. Do not change. */
    public static final byte FORMAT_V1 = 0x01;
    public static final int KEY_ID_BYTES = 16;
    public static final int SALT_BYTES = 16;
    public static final int HEADER_BYTES = 1 + KEY_ID_BYTES + 4 + SALT_BYTES + HkdfAesGcm.IV_BYTES; // 49
    /** Bytes a blob adds to its plaintext: header and tag. */
    public static final int OVERHEAD = HEADER_BYTES + HkdfAesGcm.TAG_BYTES; // 65
    /** HKDF info of version 1. Do not change. */
    private static final byte[] INFO = "coffer/kms/blob/v1".getBytes(US_ASCII);

    /** What a blob's header says: which key and which of its versions can open it. */
    public record Header(UUID keyId, int keyVersion) {
        public Header {
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    private SymmetricBlob() {}

    /**
     * Reads the header without opening the blob. Fails for anything that cannot be a version-1 blob: wrong
     * format byte, too short, version 0.
     */
    public static Header peek(byte[] blob) throws CryptoException {
        if (blob.length < OVERHEAD || blob[0] != FORMAT_V1) {
            throw new CryptoException("not a version 1 ciphertext blob");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        UUID keyId = new UUID(b.getLong(1), b.getLong(9));
        int version = b.getInt(17);
        if (version < 1) {
            throw new CryptoException("not a version 1 ciphertext blob");
        }
        return new Header(keyId, version);
    }

    /** Encrypts with a random salt and IV. {@code context} is the encryption context (may be empty). */
    public static byte[] seal(SecureRandom random, UUID keyId, int keyVersion, String keyArn, Secret material,
            Map<String, String> context, byte[] plaintext) {
        byte[] saltAndIv = new byte[SALT_BYTES + HkdfAesGcm.IV_BYTES];
        random.nextBytes(saltAndIv);
        return seal(keyId, keyVersion, keyArn, material, context, plaintext,
                Arrays.copyOfRange(saltAndIv, 0, SALT_BYTES), Arrays.copyOfRange(saltAndIv, SALT_BYTES, saltAndIv.length));
    }

    /** Encrypts with the given salt and IV: for known-answer tests only; production passes random ones. */
    static byte[] seal(UUID keyId, int keyVersion, String keyArn, Secret material, Map<String, String> context,
            byte[] plaintext, byte[] salt, byte[] iv) {
        if (keyVersion < 1) {
            throw new IllegalArgumentException("key version must be at least 1");
        }
        byte[] blob = new byte[OVERHEAD + plaintext.length];
        ByteBuffer b = ByteBuffer.wrap(blob);
        b.put(FORMAT_V1).putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits())
                .putInt(keyVersion).put(salt).put(iv);
        HkdfAesGcm.seal(material, salt, INFO, iv, aad(blob, keyArn, context), plaintext, 0, plaintext.length,
                blob, HEADER_BYTES);
        return blob;
    }

    /**
     * Opens a blob with its version's material. Throws if a bit of it was changed, if it was cut short, or if
     * {@code keyArn} or {@code context} differ from those it was sealed with. The caller zeroes the result.
     */
    public static byte[] open(byte[] blob, String keyArn, Secret material, Map<String, String> context)
            throws CryptoException {
        peek(blob);
        byte[] salt = Arrays.copyOfRange(blob, 21, 21 + SALT_BYTES);
        byte[] iv = Arrays.copyOfRange(blob, 37, 37 + HkdfAesGcm.IV_BYTES);
        return HkdfAesGcm.open(material, salt, INFO, iv, aad(blob, keyArn, context), blob, HEADER_BYTES,
                blob.length - HEADER_BYTES);
    }

    private static byte[] aad(byte[] blob, String keyArn, Map<String, String> context) {
        byte[] arn = keyArn.getBytes(UTF_8);
        if (arn.length > 0xFFFF) {
            throw new IllegalArgumentException("key ARN too long");
        }
        byte[] ctx = canonicalContext(context);
        ByteBuffer aad = ByteBuffer.allocate(HEADER_BYTES + 2 + arn.length + ctx.length);
        aad.put(blob, 0, HEADER_BYTES).putShort((short) arn.length).put(arn).put(ctx);
        return aad.array();
    }

    /**
     * The encryption context as unambiguous bytes: {@code uint32 BE count}, then for each pair in order of
     * the keys' UTF-8 bytes (unsigned, lexicographic): {@code uint32 BE len ‖ key ‖ uint32 BE len ‖ value}.
     * An absent and an empty context are the same (count 0), as in AWS KMS. Frozen with the format.
     */
    public static byte[] canonicalContext(Map<String, String> context) {
        int n = context.size();
        byte[][] keys = new byte[n][];
        byte[][] values = new byte[n][];
        int i = 0;
        int size = 4;
        for (Map.Entry<String, String> e : context.entrySet()) {
            keys[i] = e.getKey().getBytes(UTF_8);
            values[i] = e.getValue().getBytes(UTF_8);
            size += 8 + keys[i].length + values[i].length;
            i++;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        ByteBuffer out = ByteBuffer.allocate(size).putInt(n);
        for (int j : order) {
            out.putInt(keys[j].length).put(keys[j]).putInt(values[j].length).put(values[j]);
        }
        return out.array();
    }
}
