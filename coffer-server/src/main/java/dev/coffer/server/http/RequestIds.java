package dev.coffer.server.http;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for {@code x-amz-request-id} (16 upper-case hex digits, as S3 writes them) and {@code x-amz-id-2}.
 * They identify requests in logs and audit events; they are not secrets, so a fast generator is enough.
 */
public final class RequestIds {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestIds() {}

    public static String requestId() {
        long v = ThreadLocalRandom.current().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(out);
    }

    public static String hostId() {
        byte[] b = new byte[48];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
