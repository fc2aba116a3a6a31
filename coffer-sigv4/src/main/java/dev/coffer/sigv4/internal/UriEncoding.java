package dev.coffer.sigv4.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SigV4's URI encoding and the canonical URI.
 *
 * <p>AWS's rule: keep the unreserved characters {@code A-Z a-z 0-9 - . _ ~}, write every other byte of the
 * UTF-8 form as {@code %XY} with upper-case hex. The canonical URI is made by decoding each segment of the
 * path as the client sent it and encoding it again under that rule, so a client that sent {@code $} raw
 * and one that sent {@code %24} are treated alike (AWS's own example signs {@code /test$file.text} as
 * {@code /test%24file.text}) while {@code %2F} inside a segment stays an encoded slash, never a separator.
 */
public final class UriEncoding {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['~'] = true;
    }

    private UriEncoding() {
    }

    /** Percent-encodes {@code bytes} under AWS's rule, keeping {@code /} when {@code keepSlash}. */
    public static void encode(byte[] bytes, boolean keepSlash, StringBuilder out) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 128 && (UNRESERVED[c] || (keepSlash && c == '/'))) {
                out.append((char) c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
            }
        }
    }

    public static String encode(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        encode(s.getBytes(StandardCharsets.UTF_8), keepSlash, sb);
        return sb.toString();
    }

    /**
     * Percent-decodes {@code s[from..to)} to bytes. An escape that is not {@code %} and two hex digits stays
     * as it is (it is then encoded as {@code %25…}); {@code +} becomes a space only when {@code plusIsSpace}
     * (query strings, as every form decoder and AWS's front ends read them).
     */
    public static byte[] decode(String s, int from, int to, boolean plusIsSpace) {
        ByteArrayOutputStream out = null;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+') || c >= 128) {
                out = new ByteArrayOutputStream(to - from);
                break;
            }
        }
        if (out == null) {
            // Plain ASCII, nothing to decode: the common case, no copying through a stream.
            return s.substring(from, to).getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write((Character.digit(s.charAt(i + 1), 16) << 4) | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (plusIsSpace && c == '+') {
                out.write(' ');
            } else if (c < 128) {
                out.write(c);
            } else {
                // A raw non-ASCII run (a lenient client): its UTF-8 bytes, surrogate pairs kept together.
                int runEnd = i + 1;
                while (runEnd < to && s.charAt(runEnd) >= 128) {
                    runEnd++;
                }
                out.writeBytes(s.substring(i, runEnd).getBytes(StandardCharsets.UTF_8));
                i = runEnd - 1;
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The canonical URI of S3: the path as sent, each segment decoded once and re-encoded; never normalised. */
    public static String canonicalUriOnce(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(rawPath.length() + 16);
        int start = 0;
        while (true) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? rawPath.length() : slash;
            encode(decode(rawPath, start, end, false), false, sb);
            if (slash < 0) {
                break;
            }
            sb.append('/');
            start = slash + 1;
        }
        return sb.charAt(0) == '/' ? sb.toString() : "/" + sb;
    }

    /**
     * The canonical URI of every service but S3: the path with {@code .} and {@code ..} segments removed
     * (RFC 3986), in its once-encoded form, then URI-encoded a second time (so {@code %20} becomes
     * {@code %2520}), as the AWS SDKs sign it.
     */
    public static String canonicalUriTwice(String rawPath) {
        String normalized = removeDotSegments(rawPath.isEmpty() ? "/" : rawPath);
        return encode(canonicalUriOnce(normalized), true);
    }

    /** RFC 3986 section 5.2.4 on an absolute path; a trailing slash appears only where the input had one. */
    static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.add("");
                }
            } else if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(s);
            }
        }
        String result = "/" + String.join("/", out);
        // The SDKs drop a trailing slash that only the removal produced (java.net.URI.normalize semantics).
        if (!path.endsWith("/") && result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
