package dev.coffer.app.tls;

import dev.coffer.server.TlsIdentity;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's TLS identity, ready for Jetty: an in-memory key store and its password, and the CA file to
 * tell users about when Coffer made its own CA.
 */
public final class TlsMaterial {
    private final KeyStore keyStore;
    private final char[] password;
    private final Path caCertificate;

    TlsMaterial(KeyStore keyStore, char[] password, Path caCertificate) {
        this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
        this.password = password.clone();
        this.caCertificate = caCertificate;
    }

    /** The identity for the server's TLS listener. */
    public TlsIdentity identity() {
        return new TlsIdentity(keyStore, password);
    }

    /** The CA certificate to trust ({@code aws --ca-bundle}), when Coffer generated it. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + (caCertificate == null ? "operator certificate" : "local CA " + caCertificate) + "]";
    }
}
