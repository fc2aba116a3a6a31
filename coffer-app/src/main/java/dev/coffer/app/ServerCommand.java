package dev.coffer.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer server}: runs the S3 + KMS + STS endpoint until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Starts the Coffer server with embedded storage (SQLite + local files).",
                "Every option can also be set by the environment variable shown in brackets.",
                "Root credentials: COFFER_ROOT_ACCESS_KEY_ID and COFFER_ROOT_SECRET_ACCESS_KEY, if set;"
                        + " otherwise generated on first start, printed once, and reused after.",
                "Root key: --root-key passphrase derives it from COFFER_ROOT_PASSPHRASE."})
public final class ServerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:COFFER_DATA_DIR:-./coffer-data}",
            description = "Where metadata, objects, keys and certificates live; created on first start."
                    + " [COFFER_DATA_DIR] (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:COFFER_LISTEN:-127.0.0.1:9000}",
            description = "Plain HTTP listener, or 'off'. [COFFER_LISTEN] (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--tls-listen", paramLabel = "HOST:PORT",
            defaultValue = "${env:COFFER_TLS_LISTEN:-127.0.0.1:9443}",
            description = "HTTPS listener, or 'off'. [COFFER_TLS_LISTEN] (default: ${DEFAULT-VALUE})")
    String tlsListen;

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:COFFER_TLS_CERT}",
            description = "Server certificate chain (PEM). Without it, a local CA in DIR/tls signs one for"
                    + " localhost. [COFFER_TLS_CERT]")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:COFFER_TLS_KEY}",
            description = "Private key of --tls-cert (PEM). [COFFER_TLS_KEY]")
    Path tlsKey;

    @Option(names = "--region", defaultValue = "${env:COFFER_REGION:-us-east-1}",
            description = "The AWS region this server is. [COFFER_REGION] (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--root-key", paramLabel = "KIND", defaultValue = "${env:COFFER_ROOT_KEY:-file}",
            description = "Root of trust: 'file' (generated, DIR/root.key, mode 0600) or 'passphrase'"
                    + " (from COFFER_ROOT_PASSPHRASE, Argon2id). [COFFER_ROOT_KEY] (default: ${DEFAULT-VALUE})")
    String rootKey;

    @Option(names = "--virtual-host-domain", paramLabel = "DOMAIN", split = ",",
            defaultValue = "${env:COFFER_VIRTUAL_HOST_DOMAINS:-localhost}",
            description = "Domains under which <bucket>.<domain> addresses a bucket (virtual-hosted style)."
                    + " [COFFER_VIRTUAL_HOST_DOMAINS] (default: ${DEFAULT-VALUE})")
    List<String> virtualHostDomains;

    @Option(names = "--allow-sse-c-over-http", defaultValue = "${env:COFFER_ALLOW_SSE_C_OVER_HTTP:-false}",
            description = "Accept SSE-C customer keys on the plain HTTP listener. S3 refuses them there (the key"
                    + " would cross the network in clear text); for local testing only."
                    + " [COFFER_ALLOW_SSE_C_OVER_HTTP] (default: ${DEFAULT-VALUE})")
    boolean allowSseCOverHttp;

    @Option(names = "--block-sse-c-on-new-buckets",
            defaultValue = "${env:COFFER_BLOCK_SSE_C_ON_NEW_BUCKETS:-false}",
            description = "New buckets start with SSE-C in BlockedEncryptionTypes, as S3 does since April 2026:"
                    + " SSE-C writes get 403 AccessDenied until PutBucketEncryption unblocks them."
                    + " [COFFER_BLOCK_SSE_C_ON_NEW_BUCKETS] (default: ${DEFAULT-VALUE})")
    boolean blockSseCOnNewBuckets;

    @Override
    public Integer call() throws Exception {
        long startNanos = System.nanoTime();
        PrintStream out = System.out;
        NodeOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            System.err.println("coffer server: " + e.getMessage());
            return 2;
        }
        CofferNode node;
        try {
            node = CofferNode.start(options, InstantSource.system(), new SecureRandom());
        } catch (StartupException e) {
            System.err.println("coffer server: " + e.getMessage());
            return 1;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        StartupBanner.print(out, node, millis);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Coffer stopping: finishing in-flight requests");
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("coffer server: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "coffer-shutdown"));
        stopped.await();
        return 0;
    }

    NodeOptions options() {
        Optional<char[]> passphrase = Optional.ofNullable(System.getenv("COFFER_ROOT_PASSPHRASE"))
                .filter(p -> !p.isEmpty()).map(String::toCharArray);
        RootKeyKind kind = RootKeyKind.parse(rootKey);
        if (kind == RootKeyKind.PASSPHRASE && passphrase.isEmpty()) {
            throw new IllegalArgumentException("--root-key passphrase needs COFFER_ROOT_PASSPHRASE to be set");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        return new NodeOptions(dataDir,
                ListenAddress.parse(listen, "--listen"),
                ListenAddress.parse(tlsListen, "--tls-listen"),
                Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey),
                region, kind, passphrase,
                Optional.ofNullable(System.getenv("COFFER_ROOT_ACCESS_KEY_ID")).filter(s -> !s.isEmpty()),
                Optional.ofNullable(System.getenv("COFFER_ROOT_SECRET_ACCESS_KEY")).filter(s -> !s.isEmpty())
                        .map(String::toCharArray),
                virtualHostDomains.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
                allowSseCOverHttp, blockSseCOnNewBuckets);
    }

    @Override
    public String toString() {
        return "ServerCommand" + Arrays.asList(dataDir, listen, tlsListen, region);
    }
}
