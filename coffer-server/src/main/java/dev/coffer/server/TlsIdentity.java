package dev.coffer.server;

import java.security.KeyStore;
import java.util.Objects;

/** The server's certificate chain and private key, in an in-memory key store, and that store's password. */
public final class TlsIdentity {
    private final KeyStore keyStore;
    private final char[] password;

    public TlsIdentity(KeyStore keyStore, char[] password) {
        this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
        this.password = password.clone();
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "TlsIdentity[in-memory key store]";
    }
}
