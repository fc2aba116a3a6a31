package dev.coffer.kms.grant;

import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Grant tokens: what CreateGrant returns so that a grant can be used before it is visible everywhere. Coffer's
 * are opaque to clients: base64 of {@code "CGT" ‖ 0x01 ‖ 32-byte grant id ‖ 32 random bytes}. A token that
 * does not decode to that shape is InvalidGrantTokenException wherever GrantTokens are accepted; a well-formed
 * token is accepted without a lookup (tokens do not authorize anything yet — see {@link Grants}).
 */
public final class GrantTokens {
    /** The service model's GrantTokenList: at most 10 tokens of 1–8,192 characters. */
    public static final int MAX_TOKENS = 10;
    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final byte[] MAGIC = {'C', 'G', 'T', 1};
    private static final int LENGTH = MAGIC.length + 32 + 32;

    private GrantTokens() {}

    static String newToken(String grantIdHex, SecureRandom random) {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(LENGTH).put(MAGIC)
                .put(HexFormat.of().parseHex(grantIdHex)).put(nonce).array());
    }

    /** The grant id a token names, or InvalidGrantTokenException. */
    static String grantId(String token) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length != LENGTH || raw[0] != MAGIC[0] || raw[1] != MAGIC[1] || raw[2] != MAGIC[2]
                || raw[3] != MAGIC[3]) {
            throw invalid();
        }
        return HexFormat.of().formatHex(raw, MAGIC.length, MAGIC.length + 32);
    }

    /** Checks the GrantTokens member of any operation that takes one. */
    public static void check(List<String> tokens) {
        if (tokens.size() > MAX_TOKENS) {
            throw KmsException.validation("grantTokens", null, "Member must have length less than or equal to "
                    + MAX_TOKENS);
        }
        for (String t : tokens) {
            if (t.isEmpty() || t.length() > MAX_TOKEN_LENGTH) {
                throw KmsException.validation("grantTokens", null, "Member must have length between 1 and "
                        + MAX_TOKEN_LENGTH);
            }
            grantId(t);
        }
    }

    static Optional<String> grantIdIfValid(String token) {
        try {
            return Optional.of(grantId(token));
        } catch (KmsException e) {
            return Optional.empty();
        }
    }

    private static KmsException invalid() {
        return new KmsException(KmsErrorCode.INVALID_GRANT_TOKEN, "Invalid grant token.");
    }
}
