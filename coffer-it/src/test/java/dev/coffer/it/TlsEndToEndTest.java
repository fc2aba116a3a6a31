package dev.coffer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.net.URI;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.sts.StsClient;

/** HTTPS with the local CA that the first start generates, trusted the way a user trusts it. */
class TlsEndToEndTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void firstStart_generatesLocalCa_withPrivateKeysReadableByOwnerOnly() throws Exception {
        Path ca = coffer.node().caCertificate().orElseThrow();
        assertThat(ca).exists();
        Path tls = ca.getParent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("server-key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void s3AndSts_overHttps_withTheLocalCaTrusted_work() throws Exception {
        TrustManagerFactory tmf = trusting(coffer.node().caCertificate().orElseThrow());
        ApacheHttpClient.Builder http = ApacheHttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers);
        URI endpoint = URI.create("https://localhost:" + coffer.https().getPort());
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(coffer.credentials()).httpClientBuilder(http).build();
             StsClient sts = StsClient.builder().endpointOverride(coffer.https()).region(Region.US_EAST_1)
                .credentialsProvider(coffer.credentials())
                .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers))
                .build()) {
            s3.createBucket(b -> b.bucket("tls-bucket"));
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("tls-bucket");
            assertThat(sts.getCallerIdentity().account()).isEqualTo(coffer.accountId());
        }
    }

    private static TrustManagerFactory trusting(Path caPem) throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(caPem)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("coffer-ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }
}
