package dev.coffer.crypto.mac;

import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GenerateMac and VerifyMac: standard HMAC (RFC 2104) tags, which KMS documents as interoperable with any HMAC
 * implementation. Messages are 1 to 4,096 bytes and get no special handling as digests.
 */
public final class Hmac {
    /** The most a message may hold (the service model's {@code PlaintextType}: 1–4,096 bytes). */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private Hmac() {}

    /**
     * The tag of {@code message}.
     *
     * @throws KeyOperationException {@link Reason#INCOMPATIBLE_ALGORITHM} if the key's spec does not support
     *     {@code algorithm}; {@link Reason#INVALID_INPUT} if the message is empty or over 4,096 bytes
     */
    public static byte[] compute(HmacKey key, MacAlgorithm algorithm, byte[] message) throws KeyOperationException {
        Objects.requireNonNull(key, "key");
        check(key.spec(), algorithm, message);
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key.material().revealBytes(), algorithm.jcaName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    /**
     * Whether {@code tag} is the tag of {@code message}, compared in constant time. A tag of the wrong length is
     * simply not the tag: it returns {@code false}. Throws only for an invalid request, as {@link #compute} does.
     */
    public static boolean verify(HmacKey key, MacAlgorithm algorithm, byte[] message, byte[] tag)
            throws KeyOperationException {
        Objects.requireNonNull(tag, "tag");
        byte[] expected = compute(key, algorithm, message);
        return MessageDigest.isEqual(expected, tag);
    }

    private static void check(HmacKeySpec spec, MacAlgorithm algorithm, byte[] message)
            throws KeyOperationException {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(message, "message");
        if (spec.macAlgorithm() != algorithm) {
            throw new KeyOperationException(Reason.INCOMPATIBLE_ALGORITHM, "MAC algorithm " + algorithm
                    + " is not supported by a " + spec + " key; it supports " + spec.macAlgorithm());
        }
        if (message.length < 1 || message.length > MAX_MESSAGE_BYTES) {
            throw new KeyOperationException(Reason.INVALID_INPUT,
                    "Message must be 1 to " + MAX_MESSAGE_BYTES + " bytes, got " + message.length);
        }
    }
}
