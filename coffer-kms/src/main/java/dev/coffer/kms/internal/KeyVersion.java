package dev.coffer.kms.internal;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.AsymmetricPrivateKey;
import dev.coffer.crypto.asymmetric.AsymmetricPublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a key's material, unwrapped, in memory only. The {@link Secret} is shared by every
 * snapshot of the key and zeroed when the key is destroyed. For an asymmetric key the material is the
 * PKCS#8 private key, and {@code keyPair} holds it parsed once (with the public key) so that Sign, Decrypt
 * and the rest skip the parse; for an HMAC key it is the HMAC key bytes; for a symmetric key, 32 bytes.
 *
 * @param rotationType empty for the key's first material, else {@code AUTOMATIC} or {@code ON_DEMAND}
 */
public record KeyVersion(int version, String materialId, Secret material, Instant createdAt,
        Optional<String> rotationType, Optional<KeyPair> keyPair) {
    /** An asymmetric key's private and public key, parsed. */
    public record KeyPair(AsymmetricPrivateKey privateKey, AsymmetricPublicKey publicKey) {
        public KeyPair {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    public KeyVersion {
        Objects.requireNonNull(materialId, "materialId");
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(rotationType, "rotationType");
        Objects.requireNonNull(keyPair, "keyPair");
    }

    /** A symmetric or HMAC version. */
    public KeyVersion(int version, String materialId, Secret material, Instant createdAt,
            Optional<String> rotationType) {
        this(version, materialId, material, createdAt, rotationType, Optional.empty());
    }
}
