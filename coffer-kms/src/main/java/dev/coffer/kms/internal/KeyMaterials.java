package dev.coffer.kms.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.AsymmetricKeyPair;
import dev.coffer.crypto.asymmetric.AsymmetricKeySpec;
import dev.coffer.crypto.asymmetric.AsymmetricPrivateKey;
import dev.coffer.crypto.asymmetric.AsymmetricPublicKey;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.crypto.mac.HmacKey;
import dev.coffer.crypto.mac.HmacKeySpec;
import dev.coffer.kms.internal.KeyVersion.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Key material by key spec: what CreateKey generates (32 random bytes for SYMMETRIC_DEFAULT, an HMAC key of
 * the spec's length, a key pair stored as PKCS#8 with its DER public key beside it), how stored material is
 * parsed back at start-up, and the material id of imported material.
 */
public final class KeyMaterials {
    /** A version to store: its material (sealed by the caller) and, for key pairs, the public key in clear. */
    public record Generated(KeyVersion version, Optional<byte[]> publicKeyDer) {}

    private KeyMaterials() {}

    /** Fresh material of {@code keySpec} for version {@code version}, with a random 64-hex-digit material id. */
    public static Generated generate(KmsContext ctx, String keySpec, int version, Instant at,
            Optional<String> rotationType) {
        byte[] id = new byte[32];
        ctx.random().nextBytes(id);
        String materialId = HexFormat.of().formatHex(id);
        Optional<AsymmetricKeySpec> asymmetric = AsymmetricKeySpec.fromWireName(keySpec);
        if (asymmetric.isPresent()) {
            AsymmetricKeyPair pair = AsymmetricKeyPair.generate(asymmetric.get(), ctx.random());
            // The pair's PKCS#8 Secret becomes the version's material; the registry zeroes it on destruction.
            KeyVersion v = new KeyVersion(version, materialId, pair.privateKeyPkcs8(), at, rotationType,
                    Optional.of(new KeyPair(pair.privateKey(), pair.publicKey())));
            return new Generated(v, Optional.of(pair.publicKeyDer()));
        }
        Optional<HmacKeySpec> hmac = HmacKeySpec.fromWireName(keySpec);
        int length = hmac.map(HmacKeySpec::keyBytes).orElse(32);
        return new Generated(new KeyVersion(version, materialId, Secret.random(length, ctx.random()), at,
                rotationType), Optional.empty());
    }

    /**
     * The parsed key pair of stored asymmetric material, or empty for symmetric and HMAC keys.
     *
     * @throws IllegalStateException if stored material does not parse: the database is damaged
     */
    public static Optional<KeyPair> parse(String keySpec, Secret material, byte[] publicKeyDer) {
        Optional<AsymmetricKeySpec> spec = AsymmetricKeySpec.fromWireName(keySpec);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        try {
            AsymmetricPrivateKey privateKey = AsymmetricPrivateKey.parse(spec.get(), material);
            if (publicKeyDer == null) {
                throw new IllegalStateException("a stored " + keySpec + " key has no public key");
            }
            return Optional.of(new KeyPair(privateKey, AsymmetricPublicKey.parse(spec.get(), publicKeyDer)));
        } catch (KeyOperationException e) {
            throw new IllegalStateException("stored " + keySpec + " material does not parse", e);
        }
    }

    /**
     * Checks imported material against the key's spec: 32 bytes for SYMMETRIC_DEFAULT, the HMAC spec's length
     * range for HMAC keys. (Asymmetric keys cannot be imported yet: CreateKey refuses EXTERNAL for them.)
     *
     * @throws KeyOperationException if the material does not fit the spec
     */
    public static void checkImported(String keySpec, Secret material) throws KeyOperationException {
        Optional<HmacKeySpec> hmac = HmacKeySpec.fromWireName(keySpec);
        if (hmac.isPresent()) {
            HmacKey.of(hmac.get(), material); // validates the length; not closed, so the bytes stay intact
        } else if (material.length() != 32) {
            throw new KeyOperationException(KeyOperationException.Reason.INVALID_KEY_MATERIAL,
                    "Key material for " + keySpec + " must be 32 bytes, got " + material.length());
        }
    }

    /**
     * The material id of imported material: SHA-256 over a fixed label, the key ARN and the material, in hex.
     * Deterministic, so that a re-import can be checked to be the same material after the first copy was
     * deleted; one-way over at least 224 bits of key, so it reveals nothing usable. Never change the label.
     */
    public static String importedMaterialId(String arn, Secret material) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("coffer:kms:imported-material:v1\0".getBytes(UTF_8));
            sha.update(arn.getBytes(UTF_8));
            sha.update((byte) 0);
            sha.update(material.revealBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
