package dev.coffer.server;

import dev.coffer.server.http.ApiHandler;
import dev.coffer.server.http.CofferErrorHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * Jetty, configured for Coffer: HTTP/1.1 with keep-alive on one or two listeners, requests handled on
 * virtual threads, header limits, and a graceful stop that lets in-flight requests finish.
 */
public final class CofferServer implements AutoCloseable {
    /** How long a stop waits for in-flight requests. */
    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    private static final long IDLE_TIMEOUT_MILLIS = 60_000;
    /** Requests served at once; each holds a virtual thread and at most a few buffers. */
    private static final int MAX_CONCURRENT_REQUESTS = 4096;

    private final Server server;
    private final ServerConnector httpConnector;
    private final ServerConnector httpsConnector;

    public CofferServer(ServerConfig config, ApiHandler handler) {
        Objects.requireNonNull(config, "config");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("coffer");
        VirtualThreadPool virtualThreads = new VirtualThreadPool(MAX_CONCURRENT_REQUESTS);
        virtualThreads.setName("coffer-request");
        threads.setVirtualThreadsExecutor(virtualThreads);
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(ServerConfig.MAX_REQUEST_HEADER_BYTES);
        http.setResponseHeaderSize(16 * 1024);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // S3 keys may hold any character, encoded slashes and dot segments included: the path is ours to read.
        http.setUriCompliance(UriCompliance.UNSAFE);
        // SigV4 signs header values byte for byte. Jetty's header cache matches case-insensitively by default and
        // would hand back its own spelling ("text/plain; charset=utf-8" for the SDK's "…charset=UTF-8").
        http.setHeaderCacheCaseSensitive(true);

        httpConnector = config.http().map(address -> {
            ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
            bind(c, address);
            return c;
        }).orElse(null);
        httpsConnector = config.https().map(address -> {
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Virtual-hosted buckets (<bucket>.localhost) and IP clients must not be refused for SNI.
            secure.setSniHostCheck(false);
            secure.setSniRequired(false);
            https.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            TlsIdentity tls = config.tls().orElseThrow();
            ssl.setKeyStore(tls.keyStore());
            ssl.setKeyStorePassword(new String(tls.password()));
            ssl.setSniRequired(false);
            ServerConnector c = new ServerConnector(server,
                    new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            bind(c, address);
            return c;
        }).orElse(null);

        server.setHandler(new GracefulHandler(handler));
        server.setErrorHandler(new CofferErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
    }

    private void bind(ServerConnector c, InetSocketAddress address) {
        c.setHost(address.getHostString());
        c.setPort(address.getPort());
        c.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(c);
    }

    public void start() throws Exception {
        server.start();
    }

    public Optional<URI> httpUri() {
        return uri("http", httpConnector);
    }

    public Optional<URI> httpsUri() {
        return uri("https", httpsConnector);
    }

    private static Optional<URI> uri(String scheme, ServerConnector c) {
        if (c == null) {
            return Optional.empty();
        }
        String host = c.getHost() == null ? "0.0.0.0" : c.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return Optional.of(URI.create(scheme + "://" + shown + ":" + c.getLocalPort()));
    }

    /** Stops accepting, lets in-flight requests finish (up to 30 s), then closes. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
