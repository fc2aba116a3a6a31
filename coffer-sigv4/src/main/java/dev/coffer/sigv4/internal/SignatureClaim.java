package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.AuthLocation;
import dev.coffer.sigv4.CredentialScope;
import dev.coffer.sigv4.Headers;
import dev.coffer.sigv4.RequestParts;
import dev.coffer.sigv4.SigV4Error;
import dev.coffer.sigv4.SigV4Exception;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a request claims about its signature, parsed strictly from the Authorization header or from the
 * presigned-URL query parameters, before anything is looked up or computed.
 *
 * @param signedHeadersRaw the SignedHeaders value exactly as sent; it is a line of the canonical request
 * @param amzDate          the timestamp line of the string to sign ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param expires          presigned URLs only: X-Amz-Expires
 */
public record SignatureClaim(
        AuthLocation location,
        String accessKeyId,
        CredentialScope scope,
        String signedHeadersRaw,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        Instant signedAt,
        Optional<Duration> expires,
        Optional<String> securityToken,
        List<QueryParam> query) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    public static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    public static final String X_AMZ_DATE = "X-Amz-Date";
    public static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    public static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    public static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    public static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";
    /** AWS's limit on X-Amz-Expires: seven days. */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final String HEADER_PREFIX = "The authorization header is malformed; ";
    private static final String QUERY_PREFIX = "Error parsing the X-Amz-Credential parameter; ";

    /**
     * Parses the request's SigV4 credentials; empty when it carries none (an anonymous request).
     *
     * @throws SigV4Exception when it carries credentials that are malformed, or of another scheme
     */
    public static Optional<SignatureClaim> parse(RequestParts request) {
        Headers headers = request.headers();
        List<QueryParam> query = QueryParam.parse(request.rawQuery());
        Optional<String> authorization = headers.first("authorization");
        boolean queryAuth = isQueryAuth(query);
        boolean queryV2 = isQueryV2(query);
        if (authorization.isPresent() && (queryAuth || queryV2)) {
            throw SigV4Exception.of(SigV4Error.MULTIPLE_AUTH_MECHANISMS);
        }
        if (headers.all("authorization").size() > 1) {
            throw malformedHeader();
        }
        if (authorization.isPresent()) {
            return Optional.of(fromHeader(authorization.get(), headers, query));
        }
        if (queryAuth) {
            return Optional.of(fromQuery(headers, query));
        }
        if (queryV2) {
            throw SigV4Exception.of(SigV4Error.UNSUPPORTED_AUTHORIZATION_MECHANISM);
        }
        return Optional.empty();
    }

    /** True if the request carries AWS credentials of any kind, well-formed or not. */
    public static boolean carriesCredentials(RequestParts request) {
        if (request.headers().contains("authorization")) {
            return true;
        }
        if (request.rawQuery().isEmpty()) {
            return false;
        }
        List<QueryParam> query = QueryParam.parse(request.rawQuery());
        return isQueryAuth(query) || isQueryV2(query);
    }

    private static boolean isQueryAuth(List<QueryParam> query) {
        return QueryParam.first(query, X_AMZ_ALGORITHM).isPresent()
                || QueryParam.first(query, X_AMZ_CREDENTIAL).isPresent()
                || QueryParam.first(query, X_AMZ_SIGNATURE).isPresent();
    }

    private static boolean isQueryV2(List<QueryParam> query) {
        return QueryParam.first(query, "AWSAccessKeyId").isPresent()
                && QueryParam.first(query, "Signature").isPresent();
    }

    private static SignatureClaim fromHeader(String value, Headers headers, List<QueryParam> query) {
        if (!value.startsWith(ALGORITHM + " ")) {
            // SigV2 ("AWS AKID:sig") and SigV4a ("AWS4-ECDSA-P256-SHA256 …") are AWS's; anything else is not.
            boolean aws = value.startsWith("AWS ") || value.startsWith("AWS4-");
            throw SigV4Exception.of(aws
                    ? SigV4Error.UNSUPPORTED_AUTHORIZATION_MECHANISM
                    : SigV4Error.UNSUPPORTED_AUTHORIZATION_TYPE);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : value.substring(ALGORITHM.length() + 1).split(",", -1)) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw malformedHeader();
            }
            String v = p.substring(eq + 1);
            switch (p.substring(0, eq)) {
                case "Credential" -> credential = once(credential, v);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, v);
                case "Signature" -> signature = once(signature, v);
                default -> throw malformedHeader();
            }
        }
        if (credential == null || signedHeaders == null || signature == null || signature.isEmpty()) {
            throw malformedHeader();
        }
        Credential c = Credential.parse(credential, SigV4Error.AUTHORIZATION_HEADER_MALFORMED, HEADER_PREFIX);

        String amzDate;
        Instant signedAt;
        Optional<String> xAmzDate = headers.first("x-amz-date");
        if (xAmzDate.isPresent()) {
            amzDate = xAmzDate.get().strip();
            signedAt = AmzDates.parseBasic(amzDate).orElseThrow(() -> SigV4Exception.of(SigV4Error.MISSING_DATE));
        } else {
            signedAt = headers.first("date").flatMap(AmzDates::parseHttpDate)
                    .orElseThrow(() -> SigV4Exception.of(SigV4Error.MISSING_DATE));
            amzDate = AmzDates.formatBasic(signedAt);
        }
        checkScopeDate(c.scope(), amzDate, SigV4Error.AUTHORIZATION_HEADER_MALFORMED, HEADER_PREFIX);
        return new SignatureClaim(AuthLocation.HEADER, c.accessKeyId(), c.scope(), signedHeaders,
                signedHeaderList(signedHeaders, SigV4Error.AUTHORIZATION_HEADER_MALFORMED), signature, amzDate,
                signedAt, Optional.empty(), headers.first("x-amz-security-token"), query);
    }

    private static SignatureClaim fromQuery(Headers headers, List<QueryParam> query) {
        String algorithm = single(query, X_AMZ_ALGORITHM);
        String credential = single(query, X_AMZ_CREDENTIAL);
        String date = single(query, X_AMZ_DATE);
        String expires = single(query, X_AMZ_EXPIRES);
        String signedHeaders = single(query, X_AMZ_SIGNED_HEADERS);
        String signature = single(query, X_AMZ_SIGNATURE);
        if (!algorithm.equals(ALGORITHM)) {
            throw queryError("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
        }
        Instant signedAt = AmzDates.parseBasic(date).orElseThrow(() -> queryError(
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw queryError("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw queryError("X-Amz-Expires must be non-negative");
        }
        if (seconds == 0) {
            throw queryError("X-Amz-Expires must be greater than 0");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw queryError("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        Credential c = Credential.parse(credential, SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, QUERY_PREFIX);
        checkScopeDate(c.scope(), date, SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, QUERY_PREFIX);
        Optional<String> token = QueryParam.first(query, X_AMZ_SECURITY_TOKEN)
                .or(() -> headers.first("x-amz-security-token"));
        return new SignatureClaim(AuthLocation.QUERY, c.accessKeyId(), c.scope(), signedHeaders,
                signedHeaderList(signedHeaders, SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR), signature, date,
                signedAt, Optional.of(Duration.ofSeconds(seconds)), token, query);
    }

    private static void checkScopeDate(CredentialScope scope, String amzDate, SigV4Error error, String prefix) {
        String day = amzDate.substring(0, 8);
        if (!scope.date().equals(day)) {
            throw SigV4Exception.of(error, prefix + "Invalid credential date \"" + scope.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + day + "\".");
        }
    }

    private static List<String> signedHeaderList(String raw, SigV4Error error) {
        List<String> out = new ArrayList<>();
        for (String name : raw.split(";", -1)) {
            if (name.isEmpty()) {
                throw error == SigV4Error.AUTHORIZATION_HEADER_MALFORMED
                        ? malformedHeader()
                        : SigV4Exception.of(error);
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    private static String single(List<QueryParam> query, String name) {
        if (QueryParam.count(query, name) != 1) {
            throw SigV4Exception.of(SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        }
        return QueryParam.first(query, name).orElseThrow();
    }

    private static String once(String previous, String value) {
        if (previous != null) {
            throw malformedHeader();
        }
        return value;
    }

    private static SigV4Exception malformedHeader() {
        return SigV4Exception.of(SigV4Error.AUTHORIZATION_HEADER_MALFORMED);
    }

    private static SigV4Exception queryError(String message) {
        return SigV4Exception.of(SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
    }

    /** The Credential component: {@code AKID/yyyyMMdd/region/service/aws4_request}. */
    private record Credential(String accessKeyId, CredentialScope scope) {
        static Credential parse(String value, SigV4Error error, String prefix) {
            String[] parts = value.split("/", -1);
            if (parts.length != 5) {
                throw SigV4Exception.of(error, prefix + "the Credential is mal-formed; expecting "
                        + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
            }
            if (parts[0].isEmpty()) {
                throw SigV4Exception.of(error,
                        prefix + "a non-empty Access Key (AKID) must be provided in the credential.");
            }
            if (parts[1].length() != 8 || !parts[1].chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw SigV4Exception.of(error, prefix + "Invalid credential date \"" + parts[1] + "\".");
            }
            if (parts[2].isEmpty() || parts[3].isEmpty()) {
                throw SigV4Exception.of(error, prefix + "the Credential is mal-formed; expecting "
                        + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
            }
            if (!parts[4].equals("aws4_request")) {
                throw SigV4Exception.of(error, prefix + "incorrect terminal \"" + parts[4]
                        + "\". This endpoint uses \"aws4_request\".");
            }
            return new Credential(parts[0], new CredentialScope(parts[1], parts[2], parts[3]));
        }
    }
}
