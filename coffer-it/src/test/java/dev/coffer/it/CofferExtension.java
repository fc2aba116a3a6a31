package dev.coffer.it;

import dev.coffer.app.CofferNode;
import dev.coffer.app.NodeOptions;
import dev.coffer.iam.RootCredentials;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Starts one real Coffer node per test class: in-process, loopback, random ports, a temp data dir, with
 * generated root credentials. Register it as a static field with {@code @RegisterExtension}.
 */
public final class CofferExtension implements BeforeAllCallback, AfterAllCallback {
    private final InstantSource clock;
    private boolean sseCOverHttp;
    private Path dataDir;
    private CofferNode node;
    private RootCredentials root;
    private String secret;

    public CofferExtension() {
        this(InstantSource.system());
    }

    /** A node whose clock is {@code clock}, to test skew and expiry without waiting. */
    public CofferExtension(InstantSource clock) {
        this.clock = clock;
    }

    /** The node accepts SSE-C keys over plain HTTP (as {@code --allow-sse-c-over-http} does). */
    public CofferExtension allowingSseCOverHttp() {
        this.sseCOverHttp = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("coffer-it-");
        node = CofferNode.start(NodeOptions.forTesting(dataDir.resolve("data"), true).withSseCOverHttp(sseCOverHttp),
                clock, new SecureRandom());
        root = node.rootCredentials();
        secret = root.revealSecretAccessKey();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (node != null) {
            node.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public CofferNode node() {
        return node;
    }

    public URI http() {
        return node.httpUri().orElseThrow();
    }

    public URI https() {
        return node.httpsUri().orElseThrow();
    }

    /** {@code http://localhost:<port>}, so that virtual-hosted-style requests go to {@code <bucket>.localhost}. */
    public URI httpLocalhost() {
        return URI.create("http://localhost:" + http().getPort());
    }

    public String accessKeyId() {
        return root.accessKeyId();
    }

    public String secretAccessKey() {
        return secret;
    }

    public String accountId() {
        return root.accountId();
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId(), secret));
    }

    /** An S3 client at the SDK's defaults, path-style. */
    public S3Client s3() {
        return S3Client.builder().endpointOverride(http()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).forcePathStyle(true).build();
    }

    /**
     * An S3 client at the SDK's defaults, virtual-hosted-style: the SDK sends requests to
     * {@code <bucket>.localhost}, which a DNS resolver in the HTTP client maps to loopback (as
     * systemd-resolved and browsers do for {@code *.localhost}).
     */
    public S3Client s3VirtualHosted() {
        return S3Client.builder().endpointOverride(httpLocalhost()).region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder().dnsResolver(CofferExtension::resolveLocalhost))
                .build();
    }

    /** An S3 client at the SDK's defaults over HTTPS, path-style, trusting the node's local CA. */
    public S3Client s3Https() {
        TrustManagerFactory tmf = trustingLocalCa();
        return S3Client.builder().endpointOverride(URI.create("https://localhost:" + https().getPort()))
                .region(Region.US_EAST_1).credentialsProvider(credentials()).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers))
                .build();
    }

    /** Trust in the node's local CA only, for HTTPS clients. */
    TrustManagerFactory trustingLocalCa() {
        try (java.io.InputStream in = Files.newInputStream(node.caCertificate().orElseThrow())) {
            java.security.cert.Certificate ca =
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("coffer-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the local CA", e);
        }
    }

    public StsClient sts() {
        return StsClient.builder().endpointOverride(http()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build();
    }

    public KmsClient kms() {
        return KmsClient.builder().endpointOverride(http()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build();
    }

    private static InetAddress[] resolveLocalhost(String host) throws UnknownHostException {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        return InetAddress.getAllByName(host);
    }
}
