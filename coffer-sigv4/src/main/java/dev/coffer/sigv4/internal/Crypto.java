package dev.coffer.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two primitives of SigV4, SHA-256 and HMAC-SHA256, without checked exceptions. */
public final class Crypto {
    /** The SHA-256 of nothing, which is also the "hash of the empty string" line of every chunk's string to sign. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Crypto() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    public static String sha256Hex(String data) {
        return Hex.encode(sha256(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Mac keyed with {@code key}; {@link SecretKeySpec} copies the key, so the caller may zero it. */
    public static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 with a non-empty key cannot fail", e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        return hmac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
