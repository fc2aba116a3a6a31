package dev.coffer.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code coffer server} is told, after parsing. Holds secrets (passphrase, root secret), so
 * it is a class whose {@code toString} leaves them out, not a record.
 */
public final class NodeOptions {
    final Path dataDir;
    final Optional<InetSocketAddress> http;
    final Optional<InetSocketAddress> https;
    final Optional<Path> tlsCert;
    final Optional<Path> tlsKey;
    final String region;
    final RootKeyKind rootKeyKind;
    final Optional<char[]> passphrase;
    final Optional<String> rootAccessKeyId;
    final Optional<char[]> rootSecretAccessKey;
    final List<String> virtualHostDomains;
    /** Accept SSE-C keys over plain HTTP (S3 never does; for local testing only). */
    final boolean allowSseCOverHttp;
    /** New buckets start with SSE-C in BlockedEncryptionTypes, as S3 does since April 2026. */
    final boolean blockSseCOnNewBuckets;

    NodeOptions(Path dataDir, Optional<InetSocketAddress> http, Optional<InetSocketAddress> https,
            Optional<Path> tlsCert, Optional<Path> tlsKey, String region, RootKeyKind rootKeyKind,
            Optional<char[]> passphrase, Optional<String> rootAccessKeyId, Optional<char[]> rootSecretAccessKey,
            List<String> virtualHostDomains) {
        this(dataDir, http, https, tlsCert, tlsKey, region, rootKeyKind, passphrase, rootAccessKeyId,
                rootSecretAccessKey, virtualHostDomains, false);
    }

    NodeOptions(Path dataDir, Optional<InetSocketAddress> http, Optional<InetSocketAddress> https,
            Optional<Path> tlsCert, Optional<Path> tlsKey, String region, RootKeyKind rootKeyKind,
            Optional<char[]> passphrase, Optional<String> rootAccessKeyId, Optional<char[]> rootSecretAccessKey,
            List<String> virtualHostDomains, boolean allowSseCOverHttp) {
        this(dataDir, http, https, tlsCert, tlsKey, region, rootKeyKind, passphrase, rootAccessKeyId,
                rootSecretAccessKey, virtualHostDomains, allowSseCOverHttp, false);
    }

    NodeOptions(Path dataDir, Optional<InetSocketAddress> http, Optional<InetSocketAddress> https,
            Optional<Path> tlsCert, Optional<Path> tlsKey, String region, RootKeyKind rootKeyKind,
            Optional<char[]> passphrase, Optional<String> rootAccessKeyId, Optional<char[]> rootSecretAccessKey,
            List<String> virtualHostDomains, boolean allowSseCOverHttp, boolean blockSseCOnNewBuckets) {
        this.blockSseCOnNewBuckets = blockSseCOnNewBuckets;
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.http = http;
        this.https = https;
        this.tlsCert = tlsCert;
        this.tlsKey = tlsKey;
        this.region = Objects.requireNonNull(region, "region");
        this.rootKeyKind = rootKeyKind;
        this.passphrase = passphrase;
        this.rootAccessKeyId = rootAccessKeyId;
        this.rootSecretAccessKey = rootSecretAccessKey;
        this.virtualHostDomains = List.copyOf(virtualHostDomains);
        this.allowSseCOverHttp = allowSseCOverHttp;
        if (http.isEmpty() && https.isEmpty()) {
            throw new IllegalArgumentException("--listen and --tls-listen cannot both be off");
        }
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
            throw new IllegalArgumentException("--region must look like an AWS region (us-east-1), got '" + region + "'");
        }
    }

    /** Options for a test or embedded node: loopback, random ports, generated credentials and root key. */
    public static NodeOptions forTesting(Path dataDir, boolean https) {
        return new NodeOptions(dataDir, Optional.of(new InetSocketAddress("127.0.0.1", 0)),
                https ? Optional.of(new InetSocketAddress("127.0.0.1", 0)) : Optional.empty(),
                Optional.empty(), Optional.empty(), "us-east-1", RootKeyKind.FILE, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of("localhost"));
    }

    /** A copy with other root credentials, as if given by the environment. */
    public NodeOptions withRootCredentials(String accessKeyId, char[] secret) {
        return new NodeOptions(dataDir, http, https, tlsCert, tlsKey, region, rootKeyKind, passphrase,
                Optional.of(accessKeyId), Optional.of(secret), virtualHostDomains, allowSseCOverHttp, blockSseCOnNewBuckets);
    }

    /** A copy whose root key comes from a passphrase. */
    public NodeOptions withPassphrase(char[] passphrase) {
        return new NodeOptions(dataDir, http, https, tlsCert, tlsKey, region, RootKeyKind.PASSPHRASE,
                Optional.of(passphrase), rootAccessKeyId, rootSecretAccessKey, virtualHostDomains, allowSseCOverHttp, blockSseCOnNewBuckets);
    }

    /** A copy that accepts (or refuses) SSE-C keys over plain HTTP. */
    public NodeOptions withSseCOverHttp(boolean allow) {
        return new NodeOptions(dataDir, http, https, tlsCert, tlsKey, region, rootKeyKind, passphrase,
                rootAccessKeyId, rootSecretAccessKey, virtualHostDomains, allow, blockSseCOnNewBuckets);
    }

    /** A copy whose new buckets start with SSE-C blocked (or not). */
    public NodeOptions withBlockSseCOnNewBuckets(boolean block) {
        return new NodeOptions(dataDir, http, https, tlsCert, tlsKey, region, rootKeyKind, passphrase,
                rootAccessKeyId, rootSecretAccessKey, virtualHostDomains, allowSseCOverHttp, block);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String toString() {
        return "NodeOptions[" + dataDir + ", http " + http + ", https " + https + ", " + region + "]";
    }
}
