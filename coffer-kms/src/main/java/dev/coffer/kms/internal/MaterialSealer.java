package dev.coffer.kms.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Seals key material under the root key for storage: AES-256-GCM ({@link AesGcm}) with
 * {@code AAD = key ARN (UTF-8) ‖ uint32 BE version}, so sealed material copied to another key or version
 * fails to open.
 */
public final class MaterialSealer {
    private final Secret rootKey;
    private final AesGcm aesGcm;

    public MaterialSealer(Secret rootKey, SecureRandom random) {
        this.rootKey = Objects.requireNonNull(rootKey, "rootKey");
        this.aesGcm = new AesGcm(random);
    }

    public byte[] seal(String arn, int version, Secret material) {
        return aesGcm.seal(rootKey, material.revealBytes(), aad(arn, version));
    }

    public Secret open(String arn, int version, byte[] sealed) throws CryptoException {
        return Secret.wrap(aesGcm.open(rootKey, sealed, aad(arn, version)));
    }

    static byte[] aad(String arn, int version) {
        byte[] a = arn.getBytes(UTF_8);
        return ByteBuffer.allocate(a.length + 4).put(a).putInt(version).array();
    }
}
