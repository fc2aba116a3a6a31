package dev.coffer.sigv4;

import java.util.Objects;

/**
 * The scope a request was signed for: {@code date/region/service/aws4_request}. The service names the API
 * the client meant ({@code s3}, {@code kms}, {@code sts}, {@code iam}); the server checks the region.
 *
 * @param date    the signing day, {@code yyyyMMdd}
 */
public record CredentialScope(String date, String region, String service) {
    public CredentialScope {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
    }

    /** The scope as it appears in the string to sign. */
    public String asString() {
        return date + '/' + region + '/' + service + "/aws4_request";
    }
}
