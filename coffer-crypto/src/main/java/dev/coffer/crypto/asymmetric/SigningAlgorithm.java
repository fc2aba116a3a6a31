package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.asymmetric.KeyOperationException.Reason;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * KMS's {@code SigningAlgorithmSpec}, with the message types each accepts and the size rules KMS enforces.
 *
 * <ul>
 *   <li>RSASSA-PSS: MGF1 with the same hash, salt as long as the hash. RAW or DIGEST.
 *   <li>RSASSA-PKCS1-v1_5 and ECDSA (DER-encoded signature, X9.62 / RFC 3279): RAW or DIGEST.
 *   <li>{@link #ED25519_SHA_512}: pure Ed25519 (RFC 8032), RAW only.
 *   <li>{@link #ED25519_PH_SHA_512}: Ed25519ph, DIGEST only, and — as KMS documents — the 64-byte digest is
 *       hashed again: the signature is Ed25519ph over the message "the digest bytes". The two Ed25519 algorithms
 *       cannot swap message types.
 *   <li>{@link #ML_DSA_SHAKE_256}: pure ML-DSA with an empty context (RAW), or signing a caller-computed μ
 *       (EXTERNAL_MU); both give signatures that verify as pure ML-DSA over the message. Not HashML-DSA.
 * </ul>
 * SM2DSA is not here: Coffer does not offer the China-Regions-only SM2 key spec.
 */
public enum SigningAlgorithm {
    RSASSA_PSS_SHA_256(Scheme.RSA_PSS, HashFunction.SHA_256),
    RSASSA_PSS_SHA_384(Scheme.RSA_PSS, HashFunction.SHA_384),
    RSASSA_PSS_SHA_512(Scheme.RSA_PSS, HashFunction.SHA_512),
    RSASSA_PKCS1_V1_5_SHA_256(Scheme.RSA_PKCS1, HashFunction.SHA_256),
    RSASSA_PKCS1_V1_5_SHA_384(Scheme.RSA_PKCS1, HashFunction.SHA_384),
    RSASSA_PKCS1_V1_5_SHA_512(Scheme.RSA_PKCS1, HashFunction.SHA_512),
    ECDSA_SHA_256(Scheme.ECDSA, HashFunction.SHA_256),
    ECDSA_SHA_384(Scheme.ECDSA, HashFunction.SHA_384),
    ECDSA_SHA_512(Scheme.ECDSA, HashFunction.SHA_512),
    ML_DSA_SHAKE_256(Scheme.ML_DSA, null),
    ED25519_SHA_512(Scheme.ED25519, HashFunction.SHA_512),
    ED25519_PH_SHA_512(Scheme.ED25519_PH, HashFunction.SHA_512);

    /** The most a RAW message may hold (the service model's {@code PlaintextType}: 1–4,096 bytes). */
    public static final int MAX_RAW_MESSAGE_BYTES = 4096;
    /** The size of an ML-DSA message representative μ (FIPS 204 §6.2). */
    public static final int EXTERNAL_MU_BYTES = 64;

    /** How a signature is made; each scheme is one code path in {@link Signatures}. */
    enum Scheme { RSA_PSS, RSA_PKCS1, ECDSA, ED25519, ED25519_PH, ML_DSA }

    private final Scheme scheme;
    private final HashFunction hash;

    SigningAlgorithm(Scheme scheme, HashFunction hash) {
        this.scheme = scheme;
        this.hash = hash;
    }

    public String wireName() {
        return name();
    }

    public static Optional<SigningAlgorithm> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(a -> a.name().equals(wireName)).findFirst();
    }

    /** The message types KMS accepts with this algorithm. */
    public Set<MessageType> messageTypes() {
        return Collections.unmodifiableSet(switch (scheme) {
            case RSA_PSS, RSA_PKCS1, ECDSA -> EnumSet.of(MessageType.RAW, MessageType.DIGEST);
            case ED25519 -> EnumSet.of(MessageType.RAW);
            case ED25519_PH -> EnumSet.of(MessageType.DIGEST);
            case ML_DSA -> EnumSet.of(MessageType.RAW, MessageType.EXTERNAL_MU);
        });
    }

    /**
     * Checks a message against KMS's rules for this algorithm: the type must be one it accepts; RAW holds 1–4,096
     * bytes, DIGEST exactly the hash's length, EXTERNAL_MU exactly 64 bytes.
     */
    public void checkMessage(MessageType type, byte[] message) throws KeyOperationException {
        if (!messageTypes().contains(type)) {
            throw new KeyOperationException(Reason.INVALID_INPUT,
                    "MessageType " + type + " is not supported with signing algorithm " + this
                            + "; use one of " + messageTypes());
        }
        switch (type) {
            case RAW -> {
                if (message.length < 1 || message.length > MAX_RAW_MESSAGE_BYTES) {
                    throw new KeyOperationException(Reason.INVALID_INPUT,
                            "Message must be 1 to " + MAX_RAW_MESSAGE_BYTES + " bytes, got " + message.length);
                }
            }
            case DIGEST -> {
                if (message.length != hash.length()) {
                    throw new KeyOperationException(Reason.INVALID_INPUT,
                            "Digest for " + this + " must be " + hash.length() + " bytes, got " + message.length);
                }
            }
            case EXTERNAL_MU -> {
                if (message.length != EXTERNAL_MU_BYTES) {
                    throw new KeyOperationException(Reason.INVALID_INPUT,
                            "External mu must be " + EXTERNAL_MU_BYTES + " bytes, got " + message.length);
                }
            }
        }
    }

    Scheme scheme() {
        return scheme;
    }

    /** The hash the algorithm names; ML-DSA has none (its SHAKE256 is internal to the scheme). */
    HashFunction hash() {
        if (hash == null) {
            throw new IllegalStateException(this + " names no separate hash");
        }
        return hash;
    }
}
