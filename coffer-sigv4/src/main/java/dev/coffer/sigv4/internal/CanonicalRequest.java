package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.CredentialScope;
import dev.coffer.sigv4.Headers;
import java.util.List;

/**
 * The canonical request and the string to sign, exactly as AWS defines them:
 * <pre>
 * METHOD \n CanonicalURI \n CanonicalQuery \n name:value \n … \n (blank) SignedHeaders \n PayloadHash
 * AWS4-HMAC-SHA256 \n yyyyMMdd'T'HHmmss'Z' \n date/region/service/aws4_request \n hex(sha256(canonical request))
 * </pre>
 */
public final class CanonicalRequest {
    private CanonicalRequest() {
    }

    /** S3 and its siblings sign the path once-encoded and unnormalised; every other service twice and normalised. */
    public static boolean usesS3PathRules(String service) {
        return service.equals("s3") || service.startsWith("s3-");
    }

    public static String canonicalUri(String rawPath, String service) {
        return usesS3PathRules(service)
                ? UriEncoding.canonicalUriOnce(rawPath)
                : UriEncoding.canonicalUriTwice(rawPath);
    }

    public static String build(String method, String canonicalUri, String canonicalQuery, Headers headers,
            List<String> signedHeaders, String signedHeadersRaw, String payloadHash) {
        StringBuilder sb = new StringBuilder(256 + canonicalUri.length() + canonicalQuery.length()
                + 64 * signedHeaders.size());
        sb.append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            sb.append(name).append(':');
            List<String> values = headers.all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendTrimmed(sb, values.get(i));
            }
            sb.append('\n');
        }
        sb.append('\n').append(signedHeadersRaw).append('\n').append(payloadHash);
        return sb.toString();
    }

    /** Headers whose values are secrets (SSE-C keys, session tokens): never shown in error details. */
    private static final java.util.Set<String> SECRET_HEADERS = java.util.Set.of(
            "x-amz-server-side-encryption-customer-key",
            "x-amz-copy-source-server-side-encryption-customer-key",
            "x-amz-security-token",
            "authorization");

    /** The headers with every secret-bearing value replaced, for error details. */
    public static Headers redacted(Headers headers) {
        Headers.Builder b = Headers.builder();
        for (String name : headers.names()) {
            for (String v : headers.all(name)) {
                b.add(name, SECRET_HEADERS.contains(name) ? "(redacted)" : v);
            }
        }
        return b.build();
    }

    public static String stringToSign(String amzDate, CredentialScope scope, String canonicalRequest) {
        return SignatureClaim.ALGORITHM + '\n' + amzDate + '\n' + scope.asString() + '\n'
                + Crypto.sha256Hex(canonicalRequest);
    }

    /**
     * Appends {@code value} without leading and trailing whitespace and with each inner run of whitespace
     * folded to one space (AWS's "Trimall"; the SDKs treat space, tab, CR, LF, VT and FF as whitespace).
     */
    static void appendTrimmed(StringBuilder sb, String value) {
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f') {
                pendingSpace = any;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
                any = true;
            }
        }
    }
}
