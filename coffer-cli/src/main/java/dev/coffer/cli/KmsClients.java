package dev.coffer.cli;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS clients for one run: one per region, all with the resolved endpoint and credentials. With an explicit
 * endpoint (Coffer's, say) every key goes to it; with AWS's endpoints a key ARN goes to its own region.
 */
final class KmsClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final AwsSettings.Resolved settings;
    private final Map<String, KmsClient> byRegion = new LinkedHashMap<>();

    KmsClients(AwsSettings.Resolved settings) {
        this.settings = requireNonNull(settings, "settings");
    }

    /**
     * Fails with a one-line message when there are no credentials, before anything is read or written.
     */
    void checkCredentials() {
        try {
            settings.credentials().resolveCredentials();
        } catch (SdkClientException e) {
            throw CliException.environment("no AWS credentials found (set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or configure a profile in ~/.aws/credentials)");
        }
    }

    KmsClient forKey(String keyId) {
        if (settings.endpoint().isEmpty() && Keyrings.isArn(keyId)) {
            return forRegion(Keyrings.arnRegion(keyId));
        }
        return forRegion(settings.region());
    }

    KmsClient forDefaultRegion() {
        return forRegion(settings.region());
    }

    String describeEndpoint() {
        return settings.describeEndpoint();
    }

    private synchronized KmsClient forRegion(String region) {
        return byRegion.computeIfAbsent(region, r -> {
            var builder = KmsClient.builder()
                    .region(Region.of(r))
                    .credentialsProvider(settings.credentials())
                    .httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build());
            settings.endpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @Override
    public synchronized void close() {
        byRegion.values().forEach(KmsClient::close);
        byRegion.clear();
    }

    @Override
    public String toString() {
        return "KmsClients[" + settings.describeEndpoint() + ", regions " + byRegion.keySet() + "]";
    }
}
