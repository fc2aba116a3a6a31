package dev.coffer.kms.imports;

import dev.coffer.crypto.CryptoException;
import dev.coffer.crypto.Secret;
import dev.coffer.crypto.asymmetric.AsymmetricKeyPair;
import dev.coffer.crypto.asymmetric.AsymmetricKeySpec;
import dev.coffer.crypto.asymmetric.AsymmetricPrivateKey;
import dev.coffer.crypto.asymmetric.ImportUnwrap;
import dev.coffer.crypto.asymmetric.KeyOperationException;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyMaterials;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyRegistry.Outcome;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyRows;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.KeyVersion;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.key.KeyState;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Imported key material (Origin EXTERNAL): GetParametersForImport, ImportKeyMaterial,
 * DeleteImportedKeyMaterial, and the expiry of material past its ValidTo, which the scheduler runs.
 *
 * <p>GetParametersForImport makes a fresh RSA wrapping key pair; its private key is stored sealed under the root
 * key in {@code kms_import_tokens} beside the token that names it, valid for 24 hours. It refuses the wrapping
 * algorithms AWS does not allow for the key's spec ({@link #checkWrapping}). ImportKeyMaterial unwraps with it
 * ({@link ImportUnwrap}), checks the material against the key spec (32 bytes for SYMMETRIC_DEFAULT, the HMAC
 * spec's range for HMAC keys, a consistent PKCS#8 private key of the spec for RSA and ECC keys, whose public key
 * it derives), and stores it as version 1, sealed like generated material. Its material id is a one-way digest of
 * the material, or for a key pair of its public key ({@link KeyMaterials}), which stays when the material is
 * deleted or expires, so that only the same material can be imported again.
 *
 * <p>Not supported yet: new material for rotation (ImportType NEW_KEY_MATERIAL on a key that had material), and
 * the SM2 wrapping key.
 */
public final class KeyImports {
    /** What GetParametersForImport returns. */
    public record ImportParameters(String keyArn, byte[] importToken, byte[] publicKey, Instant parametersValidTo) {}

    /** ImportKeyMaterial. Absent ExpirationModel is AWS's default, KEY_MATERIAL_EXPIRES. */
    public record ImportKeyMaterial(String keyId, byte[] importToken, byte[] encryptedKeyMaterial,
            Optional<Instant> validTo, Optional<String> expirationModel, Optional<String> importType) {
        public ImportKeyMaterial {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(importToken, "importToken");
            Objects.requireNonNull(encryptedKeyMaterial, "encryptedKeyMaterial");
            Objects.requireNonNull(validTo, "validTo");
            Objects.requireNonNull(expirationModel, "expirationModel");
            Objects.requireNonNull(importType, "importType");
        }
    }

    /** The result of ImportKeyMaterial and DeleteImportedKeyMaterial. */
    public record Imported(String keyArn, String keyMaterialId) {}

    static final List<String> WRAPPING_ALGORITHMS = List.of("RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1",
            "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256", "SM2PKE");
    static final List<String> WRAPPING_KEY_SPECS = List.of("RSA_2048", "RSA_3072", "RSA_4096", "SM2");
    static final List<String> EXPIRATION_MODELS = List.of("KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE");
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_VALID_FOR = Duration.ofDays(365);
    private static final byte[] TOKEN_MAGIC = {'C', 'I', 'T', 1};
    private static final int TOKEN_LENGTH = TOKEN_MAGIC.length + 32;

    private final KmsContext ctx;
    private final KeyResolver resolver;

    public KeyImports(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    public ImportParameters parameters(Principal caller, String keyRef, Optional<String> wrappingAlgorithm,
            Optional<String> wrappingKeySpec) {
        String algorithm = KeyUse.requiredEnum("wrappingAlgorithm", wrappingAlgorithm, WRAPPING_ALGORITHMS);
        String specName = KeyUse.requiredEnum("wrappingKeySpec", wrappingKeySpec, WRAPPING_KEY_SPECS);
        if (algorithm.equals("SM2PKE") || specName.equals("SM2")) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "SM2 wrapping is supported only in China"
                    + " Regions.");
        }
        if (algorithm.equals("RSAES_PKCS1_V1_5")) {
            throw KmsException.validation("The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported; use"
                    + " RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        requireExternal(key.meta());
        KeyResolver.requireNotPendingDeletion(key.meta());
        checkWrapping(key.meta(), algorithm, specName);
        AsymmetricKeySpec spec = AsymmetricKeySpec.fromWireName(specName).orElseThrow();
        byte[] id = new byte[32];
        ctx.random().nextBytes(id);
        String tokenId = HexFormat.of().formatHex(id);
        byte[] token = ByteBuffer.allocate(TOKEN_LENGTH).put(TOKEN_MAGIC).put(id).array();
        Instant expires = ctx.now().plus(TOKEN_LIFETIME);
        try (AsymmetricKeyPair pair = AsymmetricKeyPair.generate(spec, ctx.random())) {
            byte[] sealed = ctx.sealer().seal(tokenArn(key.meta(), tokenId), 0, pair.privateKeyPkcs8());
            ctx.registry().update(key.meta().keyId(), (current, c) -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_import_tokens (token_id, key_id,"
                        + " wrapping_algorithm, wrapping_key_spec, sealed_private_key, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, tokenId);
                    s.setString(2, current.meta().keyId());
                    s.setString(3, algorithm);
                    s.setString(4, specName);
                    s.setBytes(5, sealed);
                    s.setLong(6, expires.toEpochMilli());
                    s.executeUpdate();
                }
                // Expired tokens of this key are of no further use.
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM kms_import_tokens WHERE key_id = ? AND expires_at < ?")) {
                    s.setString(1, current.meta().keyId());
                    s.setLong(2, ctx.now().toEpochMilli());
                    s.executeUpdate();
                }
                return new Outcome<Void>(current, null);
            });
            return new ImportParameters(key.meta().arn(), token, pair.publicKeyDer(), expires);
        }
    }

    /**
     * The wrapping algorithms AWS allows per kind of material: an RSA private key is too long for RSA-OAEP alone
     * and needs RSA_AES_KEY_WRAP_*; an ECC_NIST_P521 private key does not fit RSA-OAEP under an RSA_2048 wrapping
     * key. Everything else may use any of the four algorithms.
     */
    static void checkWrapping(KeyRecord k, String algorithm, String wrappingKeySpec) {
        if (!algorithm.startsWith("RSAES_OAEP")) {
            return;
        }
        Optional<AsymmetricKeySpec> spec = AsymmetricKeySpec.fromWireName(k.keySpec());
        if (spec.isPresent() && spec.get().rsaModulusBits() != 0) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "The " + algorithm + " wrapping algorithm"
                    + " cannot wrap " + k.keySpec() + " key material. Use RSA_AES_KEY_WRAP_SHA_1 or"
                    + " RSA_AES_KEY_WRAP_SHA_256.");
        }
        if (spec.filter(AsymmetricKeySpec.ECC_NIST_P521::equals).isPresent() && wrappingKeySpec.equals("RSA_2048")) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "The " + algorithm + " wrapping algorithm"
                    + " with an RSA_2048 wrapping key cannot wrap ECC_NIST_P521 key material. Use a longer wrapping"
                    + " key or an RSA_AES_KEY_WRAP algorithm.");
        }
    }

    /** The AAD of a sealed wrapping key: bound to its key and token. */
    private static String tokenArn(KeyRecord k, String tokenId) {
        return k.arn() + "#import-token/" + tokenId;
    }

    public Imported importMaterial(Principal caller, ImportKeyMaterial request) {
        String model = KeyUse.checkEnum("expirationModel", request.expirationModel().orElse("KEY_MATERIAL_EXPIRES"),
                EXPIRATION_MODELS);
        Instant now = ctx.now();
        Optional<Instant> validTo = request.validTo();
        if (model.equals("KEY_MATERIAL_EXPIRES")) {
            Instant until = validTo.orElseThrow(() -> KmsException.validation(
                    "ValidTo is required when ExpirationModel is KEY_MATERIAL_EXPIRES."));
            if (!until.isAfter(now) || until.isAfter(now.plus(MAX_VALID_FOR))) {
                throw KmsException.validation("ValidTo must be a future date no more than 365 days from now.");
            }
        } else if (validTo.isPresent()) {
            throw KmsException.validation("ValidTo must be omitted when ExpirationModel is"
                    + " KEY_MATERIAL_DOES_NOT_EXPIRE.");
        }
        String tokenId = tokenId(request.importToken());
        LiveKey key = resolver.resolveKeyOnly(caller, request.keyId());
        KeyResolver.requireCustomerManaged(caller, key.meta(), "ImportKeyMaterial");
        requireExternal(key.meta());
        List<KeyVersion> replaced = new ArrayList<>();
        Imported imported = ctx.registry().update(key.meta().keyId(), (current, c) -> {
            KeyRecord k = current.meta();
            KeyResolver.requireNotPendingDeletion(k);
            Token token = token(c, k, tokenId);
            KeyMaterials.Generated fresh = checked(k, unwrap(k, tokenId, token, request.encryptedKeyMaterial()), now);
            KeyVersion v = fresh.version();
            String materialId = v.materialId();
            Optional<String> previous = previousMaterialId(c, k.keyId());
            if (previous.isPresent() && !previous.get().equals(materialId)) {
                v.material().close();
                if (request.importType().filter("NEW_KEY_MATERIAL"::equals).isPresent()) {
                    throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, "Importing new key material for"
                            + " rotation is not supported by this server.");
                }
                throw new KmsException(KmsErrorCode.INCORRECT_KEY_MATERIAL);
            }
            byte[] sealed = ctx.sealer().seal(k.arn(), 1, v.material());
            if (previous.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE kms_key_versions SET sealed_material = ?,"
                        + " public_key = ? WHERE key_id = ? AND version = 1")) {
                    s.setBytes(1, sealed);
                    s.setBytes(2, fresh.publicKeyDer().orElse(null));
                    s.setString(3, k.keyId());
                    s.executeUpdate();
                }
            } else {
                KeyRows.insertVersion(c, k.keyId(), 1, materialId, sealed, fresh.publicKeyDer(), Optional.empty(),
                        now);
            }
            KeyState state = k.state() == KeyState.PENDING_IMPORT ? KeyState.ENABLED : k.state();
            KeyRecord next = k.withImport(state, Optional.of(model),
                    model.equals("KEY_MATERIAL_EXPIRES") ? validTo : Optional.empty());
            KeyRows.update(c, next);
            replaced.addAll(current.versions()); // the same material re-imported: the older copy is zeroed below
            return new Outcome<>(new LiveKey(next, List.of(v)), new Imported(k.arn(), materialId));
        });
        replaced.forEach(v -> v.material().close());
        return imported;
    }

    public Imported deleteMaterial(Principal caller, String keyRef, Optional<String> keyMaterialId) {
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), "DeleteImportedKeyMaterial");
        requireExternal(key.meta());
        List<KeyVersion> dropped = new ArrayList<>();
        Imported result = ctx.registry().update(key.meta().keyId(), (current, c) -> {
            KeyRecord k = current.meta();
            String materialId = previousMaterialId(c, k.keyId()).orElseThrow(() -> KmsException.invalidState(
                    k.arn() + " is pending import."));
            if (keyMaterialId.isPresent() && !keyMaterialId.get().equals(materialId)) {
                throw KmsException.notFound("Key material " + keyMaterialId.get() + " of " + k.arn()
                        + " does not exist");
            }
            LiveKey next = dropMaterial(current, c);
            dropped.addAll(current.versions());
            return new Outcome<>(next, new Imported(k.arn(), materialId));
        });
        dropped.forEach(v -> v.material().close());
        return result;
    }

    /** Deletes every imported material past its ValidTo; returns how many keys. Called by the scheduler. */
    public int expireDue() {
        Instant now = ctx.now();
        int n = 0;
        for (LiveKey k : ctx.registry().all()) {
            if (expired(k.meta(), now) && !k.versions().isEmpty()) {
                List<KeyVersion> dropped = new ArrayList<>();
                Boolean done = ctx.registry().update(k.meta().keyId(), (current, c) -> {
                    if (!expired(current.meta(), now) || current.versions().isEmpty()) {
                        return new Outcome<>(current, false);
                    }
                    dropped.addAll(current.versions());
                    return new Outcome<>(dropMaterial(current, c), true);
                });
                dropped.forEach(v -> v.material().close());
                n += done ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean expired(KeyRecord k, Instant now) {
        return k.validTo().isPresent() && !k.validTo().get().isAfter(now);
    }

    /** The material goes (the row and its material id stay); the key is PendingImport unless pending deletion. */
    private static LiveKey dropMaterial(LiveKey current, Connection c) throws SQLException {
        KeyRecord k = current.meta();
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE kms_key_versions SET sealed_material = NULL WHERE key_id = ?")) {
            s.setString(1, k.keyId());
            s.executeUpdate();
        }
        KeyState state = k.state() == KeyState.PENDING_DELETION ? k.state() : KeyState.PENDING_IMPORT;
        KeyRecord next = k.withImport(state, Optional.empty(), Optional.empty());
        KeyRows.update(c, next);
        return new LiveKey(next, List.of());
    }

    private static Optional<String> previousMaterialId(Connection c, String keyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT material_id FROM kms_key_versions WHERE key_id = ? AND version = 1")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private record Token(String wrappingAlgorithm, String wrappingKeySpec, byte[] sealedPrivateKey, Instant expires) {}

    private Token token(Connection c, KeyRecord k, String tokenId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT wrapping_algorithm, wrapping_key_spec,"
                + " sealed_private_key, expires_at FROM kms_import_tokens WHERE token_id = ? AND key_id = ?")) {
            s.setString(1, tokenId);
            s.setString(2, k.keyId());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new KmsException(KmsErrorCode.INVALID_IMPORT_TOKEN);
                }
                Token t = new Token(r.getString(1), r.getString(2), r.getBytes(3), Instant.ofEpochMilli(r.getLong(4)));
                if (!t.expires().isAfter(ctx.now())) {
                    throw new KmsException(KmsErrorCode.EXPIRED_IMPORT_TOKEN);
                }
                return t;
            }
        }
    }

    /**
     * Version 1 from unwrapped material, checked against the key's spec; takes ownership of {@code material}. A key
     * pair keeps its re-encoded private key, so the unwrapped bytes are zeroed here; other material is kept as is.
     */
    private KeyMaterials.Generated checked(KeyRecord k, Secret material, Instant now) {
        Optional<AsymmetricKeySpec> spec = AsymmetricKeySpec.fromWireName(k.keySpec());
        try {
            if (spec.isPresent()) {
                try (material) {
                    return KeyMaterials.importKeyPair(ctx, k.arn(), spec.get(), material, 1, now);
                }
            }
            KeyMaterials.checkImported(k.keySpec(), material);
            return new KeyMaterials.Generated(new KeyVersion(1, KeyMaterials.importedMaterialId(k.arn(), material),
                    material, now, Optional.empty()), Optional.empty());
        } catch (KeyOperationException e) {
            material.close();
            throw new KmsException(KmsErrorCode.INCORRECT_KEY_MATERIAL, e.getMessage());
        }
    }

    private Secret unwrap(KeyRecord k, String tokenId, Token token, byte[] wrapped) {
        AsymmetricKeySpec spec = AsymmetricKeySpec.fromWireName(token.wrappingKeySpec()).orElseThrow();
        try (Secret pkcs8 = ctx.sealer().open(tokenArn(k, tokenId), 0, token.sealedPrivateKey())) {
            AsymmetricPrivateKey wrappingKey = AsymmetricPrivateKey.parse(spec, pkcs8);
            return ImportUnwrap.unwrap(wrappingKey, ImportUnwrap.Algorithm.valueOf(token.wrappingAlgorithm()), wrapped);
        } catch (CryptoException e) {
            throw new IllegalStateException("the wrapping key of an import token does not open", e);
        } catch (KeyOperationException e) {
            throw new KmsException(KmsErrorCode.INVALID_CIPHERTEXT, "The encrypted key material does not decrypt"
                    + " with the wrapping key of this import token.");
        }
    }

    private static String tokenId(byte[] token) {
        if (token.length != TOKEN_LENGTH || token[0] != TOKEN_MAGIC[0] || token[1] != TOKEN_MAGIC[1]
                || token[2] != TOKEN_MAGIC[2] || token[3] != TOKEN_MAGIC[3]) {
            throw new KmsException(KmsErrorCode.INVALID_IMPORT_TOKEN);
        }
        return HexFormat.of().formatHex(token, TOKEN_MAGIC.length, TOKEN_LENGTH);
    }

    private static void requireExternal(KeyRecord k) {
        if (!k.origin().equals("EXTERNAL")) {
            throw new KmsException(KmsErrorCode.UNSUPPORTED_OPERATION, k.arn() + " origin is " + k.origin()
                    + " which is not valid for this operation.");
        }
    }
}
