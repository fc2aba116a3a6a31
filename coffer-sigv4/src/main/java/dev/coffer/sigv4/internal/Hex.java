package dev.coffer.sigv4.internal;

/** Lower-case hex, as SigV4 writes hashes and signatures. */
public final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        encodeTo(bytes, bytes.length, out);
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes the hex of {@code bytes[0..length)} as ASCII into {@code out[0..2*length)}; no allocation. */
    public static void encodeTo(byte[] bytes, int length, byte[] out) {
        for (int i = 0; i < length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
    }

    /** Decodes hex of either case; null if {@code s} is not hex of an even length. */
    public static byte[] decode(String s) {
        if ((s.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
