package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An SSE-C key as a request supplies it ({@code x-amz-server-side-encryption-customer-algorithm | -key |
 * -key-MD5}), checked as S3 checks it. Holds the key as a {@link Secret}: not a record, and its
 * {@code toString} shows nothing of the key. Close it when the request is done.
 */
public final class SseCustomerKey implements AutoCloseable {
    private final Secret key;
    private final String keyMd5;

    private SseCustomerKey(Secret key, String keyMd5) {
        this.key = key;
        this.keyMd5 = keyMd5;
    }

    /**
     * The key the three headers describe, or empty if none of them is present. S3's errors (all 400
     * {@code InvalidArgument}) for a missing part, an algorithm other than AES256, a key that is not 256 bits
     * of base64, and an MD5 that does not match.
     */
    public static Optional<SseCustomerKey> parse(Optional<String> algorithm, Optional<String> keyBase64,
            Optional<String> keyMd5) {
        if (algorithm.isEmpty() && keyBase64.isEmpty() && keyMd5.isEmpty()) {
            return Optional.empty();
        }
        if (algorithm.isEmpty() || !algorithm.get().equals("AES256")) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide a "
                    + "valid encryption algorithm.");
        }
        if (keyBase64.isEmpty()) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide an "
                    + "appropriate secret key.");
        }
        if (keyMd5.isEmpty()) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide the "
                    + "client calculated MD5 of the secret key.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(keyBase64.get().strip());
        } catch (IllegalArgumentException e) {
            throw invalid("The secret key was invalid for the specified algorithm.");
        }
        if (raw.length != 32) {
            Arrays.fill(raw, (byte) 0);
            throw invalid("The secret key was invalid for the specified algorithm.");
        }
        Secret key = Secret.wrap(raw);
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(keyMd5.get().strip());
        } catch (IllegalArgumentException e) {
            expected = new byte[0];
        }
        if (!MessageDigest.isEqual(md5(key.revealBytes()), expected)) {
            key.close();
            throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.");
        }
        return Optional.of(new SseCustomerKey(key, Base64.getEncoder().encodeToString(expected)));
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message);
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key itself; see {@link Secret#revealBytes()}. */
    Secret secret() {
        return key;
    }

    /** The base64 MD5 of the key, as the request gave it and responses echo it. */
    public String keyMd5() {
        return keyMd5;
    }

    @Override
    public void close() {
        key.close();
    }

    @Override
    public String toString() {
        return "SseCustomerKey[redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(keyMd5);
    }
}
