package dev.coffer.server.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * Which protocol a request speaks. The SigV4 credential scope names the service the client meant
 * ({@code …/us-east-1/kms/aws4_request}); without one (an unsigned request), {@code X-Amz-Target} means
 * JSON (KMS) and a form POST means Query (STS); anything else is S3.
 */
final class ProtocolDetector {
    private ProtocolDetector() {}

    static Protocol detect(String method, HttpFields headers, String rawQuery) {
        String service = scopeService(headers.get("Authorization"), rawQuery);
        if (service != null) {
            switch (service) {
                case "kms" -> { return Protocol.KMS; }
                case "sts" -> { return Protocol.STS; }
                case "iam" -> { return Protocol.IAM; }
                case "s3" -> { return Protocol.S3; }
                default -> { }
            }
        }
        if (headers.get("X-Amz-Target") != null) {
            return Protocol.KMS;
        }
        String contentType = headers.get("Content-Type");
        if (method.equals("POST") && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            return Protocol.STS;
        }
        return Protocol.S3;
    }

    /** The service segment of the credential scope, from the Authorization header or X-Amz-Credential. */
    static String scopeService(String authorization, String rawQuery) {
        String credential = null;
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                int end = authorization.indexOf(',', at);
                credential = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end);
            }
        } else if (rawQuery != null) {
            int at = rawQuery.indexOf("X-Amz-Credential=");
            if (at >= 0) {
                int end = rawQuery.indexOf('&', at);
                credential = rawQuery.substring(at + "X-Amz-Credential=".length(), end < 0 ? rawQuery.length() : end)
                        .replace("%2F", "/").replace("%2f", "/");
            }
        }
        if (credential == null) {
            return null;
        }
        String[] parts = credential.strip().split("/");
        return parts.length == 5 ? parts[3] : null;
    }
}
