package dev.coffer.crypto.asymmetric;

import dev.coffer.crypto.Secret;

/**
 * What ML-KEM encapsulation yields (KMS Encapsulate): the 32-byte shared secret and the ciphertext that lets the
 * private key's holder recover it. Not a record: it holds a secret. {@link #close()} zeroes the shared secret;
 * {@link #toString()} prints sizes only.
 */
public final class MlKemEncapsulation implements AutoCloseable {
    private final Secret sharedSecret;
    private final byte[] ciphertext;

    MlKemEncapsulation(Secret sharedSecret, byte[] ciphertext) {
        this.sharedSecret = sharedSecret;
        this.ciphertext = ciphertext;
    }

    /** Owned by this object: close the encapsulation, not the secret. */
    public Secret sharedSecret() {
        return sharedSecret;
    }

    /** A fresh copy of the ciphertext (KMS's {@code SharedSecretCiphertextBlob}). */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public void close() {
        sharedSecret.close();
    }

    @Override
    public String toString() {
        return "MlKemEncapsulation[shared secret " + sharedSecret.length() + " bytes, ciphertext " + ciphertext.length
                + " bytes]";
    }
}
