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
 * parsed back at start-up, which specs accept imported material, and the material id of imported material.
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
     * Whether a key of this spec may be created with Origin EXTERNAL. AWS's "Requirements for imported key material"
     * lists SYMMETRIC_DEFAULT, the HMAC specs, RSA and the NIST and secp256k1 curves (and SM2, China Regions only);
     * it says ML-DSA cannot be imported and does not list Ed25519 or ML-KEM.
     */
    public static boolean importable(String keySpec) {
        if (keySpec.equals("SYMMETRIC_DEFAULT") || HmacKeySpec.fromWireName(keySpec).isPresent()) {
            return true;
        }
        return AsymmetricKeySpec.fromWireName(keySpec).map(s -> switch (s) {
            case RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1 -> true;
            default -> false;
        }).orElse(false);
    }

    /**
     * Version {@code version} of an imported asymmetric key from its PKCS#8 private key: the private key re-encoded
     * (it becomes the version's material, owned by the caller), the key pair parsed, the derived public key beside
     * it, and a material id from the public key ({@link #importedKeyPairId}). Does not keep or close {@code pkcs8}.
     *
     * @throws KeyOperationException if {@code pkcs8} is not a consistent private key of {@code spec}
     */
    public static Generated importKeyPair(KmsContext ctx, String arn, AsymmetricKeySpec spec, Secret pkcs8,
            int version, Instant at) throws KeyOperationException {
        AsymmetricKeyPair pair = AsymmetricKeyPair.fromPrivateKey(spec, pkcs8, ctx.random());
        byte[] publicKeyDer = pair.publicKeyDer();
        KeyVersion v = new KeyVersion(version, importedKeyPairId(arn, publicKeyDer), pair.privateKeyPkcs8(), at,
                Optional.empty(), Optional.of(new KeyPair(pair.privateKey(), pair.publicKey())));
        return new Generated(v, Optional.of(publicKeyDer));
    }

    /**
     * Checks imported material against the key's spec: 32 bytes for SYMMETRIC_DEFAULT, the HMAC spec's length
     * range for HMAC keys. (Asymmetric material goes through {@link #importKeyPair} instead.)
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
        return labelledDigest("coffer:kms:imported-material:v1\0", arn, material.revealBytes());
    }

    /**
     * The material id of an imported key pair: SHA-256 over a fixed label, the key ARN and the DER public key, in
     * hex. The public key, not the PKCS#8 bytes, because one private key has many PKCS#8 encodings (with or without
     * the public key inside, BER or DER) and a re-import of the same key in another encoding is the same material.
     * The public key is public, so the id reveals nothing secret. Never change the label.
     */
    public static String importedKeyPairId(String arn, byte[] publicKeyDer) {
        return labelledDigest("coffer:kms:imported-key-pair:v1\0", arn, publicKeyDer);
    }

    private static String labelledDigest(String label, String arn, byte[] input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(UTF_8));
            sha.update(arn.getBytes(UTF_8));
            sha.update((byte) 0);
            sha.update(input);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
