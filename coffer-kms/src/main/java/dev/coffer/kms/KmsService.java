package dev.coffer.kms;

import dev.coffer.crypto.Secret;
import dev.coffer.iam.Principal;
import dev.coffer.kms.alias.AliasEntry;
import dev.coffer.kms.asymmetric.AsymmetricRequests;
import dev.coffer.kms.asymmetric.DataKeyPairs;
import dev.coffer.kms.asymmetric.RsaEncryption;
import dev.coffer.kms.asymmetric.SharedSecrets;
import dev.coffer.kms.asymmetric.Signing;
import dev.coffer.kms.alias.Aliases;
import dev.coffer.kms.grant.GrantRequests;
import dev.coffer.kms.grant.Grants;
import dev.coffer.kms.imports.KeyImports;
import dev.coffer.kms.internal.KeyRegistry;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.MaterialSealer;
import dev.coffer.kms.internal.Markers.Page;
import dev.coffer.kms.key.AwsManagedKeys;
import dev.coffer.kms.key.KeyLifecycle;
import dev.coffer.kms.key.KeyMetadata;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.kms.mac.Macs;
import dev.coffer.kms.policy.KeyPolicies;
import dev.coffer.kms.rotation.RotationRequests.RotationEntry;
import dev.coffer.kms.rotation.RotationRequests.RotationStatus;
import dev.coffer.kms.rotation.Rotations;
import dev.coffer.kms.symmetric.CryptoRequests;
import dev.coffer.kms.symmetric.DataKeys;
import dev.coffer.kms.symmetric.SymmetricCrypto;
import dev.coffer.kms.tag.KeyTags;
import dev.coffer.kms.tag.Tag;
import dev.coffer.store.MetadataStore;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The KMS domain's one entry point: every method takes the authenticated caller and a request, and returns
 * a result or throws {@link KmsException}. Wherever AWS accepts a key id, a {@code keyId} argument may be a
 * key id, key ARN, alias name or alias ARN; keys of other accounts do not exist for the caller.
 *
 * <p>Thread-safe. Encrypt, Decrypt, ReEncrypt and the data-key operations run from memory; every other
 * change is written to the database before it becomes visible.
 */
public final class KmsService {
    private final KmsContext ctx;
    private final KeyLifecycle keys;
    private final AwsManagedKeys managedKeys;
    private final SymmetricCrypto crypto;
    private final DataKeys dataKeys;
    private final Aliases aliases;
    private final Rotations rotations;
    private final KeyPolicies policies;
    private final KeyTags tags;
    private final Signing signing;
    private final RsaEncryption rsa;
    private final DataKeyPairs dataKeyPairs;
    private final SharedSecrets sharedSecrets;
    private final Macs macs;
    private final Grants grants;
    private final KeyImports imports;

    /** Loads every key into memory, unsealing its material with {@code rootKey} (which the service keeps). */
    public KmsService(MetadataStore store, Secret rootKey, String region, InstantSource clock, SecureRandom random) {
        MaterialSealer sealer = new MaterialSealer(rootKey, random);
        this.ctx = new KmsContext(new KeyRegistry(store, sealer), sealer, region, clock, random);
        KeyResolver resolver = new KeyResolver(ctx);
        this.keys = new KeyLifecycle(ctx, resolver);
        this.managedKeys = new AwsManagedKeys(ctx);
        this.crypto = new SymmetricCrypto(ctx, resolver);
        this.dataKeys = new DataKeys(ctx, crypto);
        this.aliases = new Aliases(ctx, resolver);
        this.rotations = new Rotations(ctx, resolver);
        this.policies = new KeyPolicies(ctx, resolver);
        this.tags = new KeyTags(ctx.registry(), resolver);
        KeyUse use = new KeyUse(ctx, resolver);
        this.signing = new Signing(use);
        this.rsa = new RsaEncryption(use, crypto);
        this.dataKeyPairs = new DataKeyPairs(use, crypto);
        this.sharedSecrets = new SharedSecrets(use);
        this.macs = new Macs(use);
        this.grants = new Grants(ctx, resolver);
        this.imports = new KeyImports(ctx, resolver);
    }

    /** The scheduler for due rotations and deletions; the caller runs it (tests call {@code runDue()}). */
    public KmsScheduler scheduler() {
        return new KmsScheduler(ctx.registry(), keys, rotations, imports);
    }

    // Keys

    public KeyMetadata createKey(Principal caller, KeyRequests.CreateKey request) {
        return keys.create(caller, request);
    }

    /**
     * The AWS managed key of the caller's account for {@code service} ({@code alias/aws/<service>}; only
     * {@code s3} today), created on first use. Called by the service on the requester's behalf.
     */
    public KeyMetadata awsManagedKey(Principal caller, String service) {
        return managedKeys.getOrCreate(caller, service);
    }

    public KeyMetadata describeKey(Principal caller, String keyId) {
        return keys.describe(caller, keyId);
    }

    public KeyRequests.KeyList listKeys(Principal caller, KeyRequests.ListKeys request) {
        return keys.list(caller, request);
    }

    public void updateKeyDescription(Principal caller, String keyId, String description) {
        keys.updateDescription(caller, keyId, description);
    }

    public void enableKey(Principal caller, String keyId) {
        keys.enable(caller, keyId);
    }

    public void disableKey(Principal caller, String keyId) {
        keys.disable(caller, keyId);
    }

    public KeyRequests.DeletionScheduled scheduleKeyDeletion(Principal caller, KeyRequests.ScheduleKeyDeletion request) {
        return keys.scheduleDeletion(caller, request);
    }

    /** Returns the key ARN; the key is Disabled afterwards. */
    public String cancelKeyDeletion(Principal caller, String keyId) {
        return keys.cancelDeletion(caller, keyId);
    }

    public KeyRequests.KeyLastUsage getKeyLastUsage(Principal caller, String keyId) {
        return keys.lastUsage(caller, keyId);
    }

    // Symmetric cryptography

    /** With an RSAES_* EncryptionAlgorithm, RSA encryption; else symmetric. */
    public CryptoRequests.Encrypted encrypt(Principal caller, CryptoRequests.Encrypt request) {
        return RsaEncryption.isAsymmetric(request.encryptionAlgorithm()) ? rsa.encrypt(caller, request)
                : crypto.encrypt(caller, request);
    }

    /** With an RSAES_* EncryptionAlgorithm, RSA decryption (KeyId required); else symmetric. */
    public CryptoRequests.Decrypted decrypt(Principal caller, CryptoRequests.Decrypt request) {
        return RsaEncryption.isAsymmetric(request.encryptionAlgorithm()) ? rsa.decrypt(caller, request)
                : crypto.decrypt(caller, request);
    }

    public CryptoRequests.ReEncrypted reEncrypt(Principal caller, CryptoRequests.ReEncrypt request) {
        return RsaEncryption.isAsymmetric(request.sourceEncryptionAlgorithm())
                || RsaEncryption.isAsymmetric(request.destinationEncryptionAlgorithm())
                ? rsa.reEncrypt(caller, request) : crypto.reEncrypt(caller, request);
    }

    public CryptoRequests.DataKey generateDataKey(Principal caller, CryptoRequests.GenerateDataKey request) {
        return dataKeys.generate(caller, request);
    }

    public CryptoRequests.DataKey generateDataKeyWithoutPlaintext(Principal caller,
            CryptoRequests.GenerateDataKey request) {
        return dataKeys.generateWithoutPlaintext(caller, request);
    }

    public Secret generateRandom(Principal caller, Optional<Integer> numberOfBytes) {
        return dataKeys.random(caller, numberOfBytes);
    }

    // Asymmetric keys

    public AsymmetricRequests.PublicKey getPublicKey(Principal caller, String keyId) {
        return signing.publicKey(caller, keyId);
    }

    public AsymmetricRequests.Signed sign(Principal caller, AsymmetricRequests.Sign request) {
        return signing.sign(caller, request);
    }

    /** Returns only for a valid signature; an invalid one is {@code KMSInvalidSignatureException}. */
    public AsymmetricRequests.Verified verify(Principal caller, AsymmetricRequests.Verify request) {
        return signing.verify(caller, request);
    }

    public AsymmetricRequests.DataKeyPair generateDataKeyPair(Principal caller,
            AsymmetricRequests.GenerateDataKeyPair request) {
        return dataKeyPairs.generate(caller, request, true);
    }

    public AsymmetricRequests.DataKeyPair generateDataKeyPairWithoutPlaintext(Principal caller,
            AsymmetricRequests.GenerateDataKeyPair request) {
        return dataKeyPairs.generate(caller, request, false);
    }

    public AsymmetricRequests.SharedSecret deriveSharedSecret(Principal caller,
            AsymmetricRequests.DeriveSharedSecret request) {
        return sharedSecrets.derive(caller, request);
    }

    public AsymmetricRequests.Encapsulated encapsulate(Principal caller, AsymmetricRequests.Encapsulate request) {
        return sharedSecrets.encapsulate(caller, request);
    }

    public AsymmetricRequests.Decapsulated decapsulate(Principal caller, AsymmetricRequests.Decapsulate request) {
        return sharedSecrets.decapsulate(caller, request);
    }

    // HMAC keys

    public Macs.Mac generateMac(Principal caller, Macs.GenerateMac request) {
        return macs.generate(caller, request);
    }

    /** Returns only for a valid tag; an invalid one is {@code KMSInvalidMacException}. */
    public Macs.MacVerified verifyMac(Principal caller, Macs.VerifyMac request) {
        return macs.verify(caller, request);
    }

    // Aliases

    public void createAlias(Principal caller, String aliasName, String targetKeyId) {
        aliases.create(caller, aliasName, targetKeyId);
    }

    public void updateAlias(Principal caller, String aliasName, String targetKeyId) {
        aliases.update(caller, aliasName, targetKeyId);
    }

    public void deleteAlias(Principal caller, String aliasName) {
        aliases.delete(caller, aliasName);
    }

    public Page<AliasEntry> listAliases(Principal caller, Optional<String> keyId, Optional<Integer> limit,
            Optional<String> marker) {
        return aliases.list(caller, keyId, limit, marker);
    }

    // Rotation

    public void enableKeyRotation(Principal caller, String keyId, Optional<Integer> rotationPeriodInDays) {
        rotations.enable(caller, keyId, rotationPeriodInDays);
    }

    public void disableKeyRotation(Principal caller, String keyId) {
        rotations.disable(caller, keyId);
    }

    public RotationStatus getKeyRotationStatus(Principal caller, String keyId) {
        return rotations.status(caller, keyId);
    }

    /** Returns the key ARN. */
    public String rotateKeyOnDemand(Principal caller, String keyId) {
        return rotations.rotateOnDemand(caller, keyId);
    }

    public Page<RotationEntry> listKeyRotations(Principal caller, String keyId, Optional<String> includeKeyMaterial,
            Optional<Integer> limit, Optional<String> marker) {
        return rotations.list(caller, keyId, includeKeyMaterial, limit, marker);
    }

    // Grants (stored and returned; they authorize nothing until the authorization issue)

    public GrantRequests.GrantCreated createGrant(Principal caller, GrantRequests.CreateGrant request) {
        return grants.create(caller, request);
    }

    public Page<GrantRequests.Grant> listGrants(Principal caller, GrantRequests.ListGrants request) {
        return grants.list(caller, request);
    }

    public Page<GrantRequests.Grant> listRetirableGrants(Principal caller, String retiringPrincipal,
            Optional<Integer> limit, Optional<String> marker) {
        return grants.listRetirable(caller, retiringPrincipal, limit, marker);
    }

    public void retireGrant(Principal caller, GrantRequests.RetireGrant request) {
        grants.retire(caller, request);
    }

    public void revokeGrant(Principal caller, String keyId, String grantId, boolean dryRun) {
        grants.revoke(caller, keyId, grantId, dryRun);
    }

    // Imported key material

    public KeyImports.ImportParameters getParametersForImport(Principal caller, String keyId,
            Optional<String> wrappingAlgorithm, Optional<String> wrappingKeySpec) {
        return imports.parameters(caller, keyId, wrappingAlgorithm, wrappingKeySpec);
    }

    public KeyImports.Imported importKeyMaterial(Principal caller, KeyImports.ImportKeyMaterial request) {
        return imports.importMaterial(caller, request);
    }

    public KeyImports.Imported deleteImportedKeyMaterial(Principal caller, String keyId,
            Optional<String> keyMaterialId) {
        return imports.deleteMaterial(caller, keyId, keyMaterialId);
    }

    // Policies and tags

    public String getKeyPolicy(Principal caller, String keyId, Optional<String> policyName) {
        return policies.get(caller, keyId, policyName);
    }

    public void putKeyPolicy(Principal caller, String keyId, Optional<String> policyName, String policy) {
        policies.put(caller, keyId, policyName, policy);
    }

    public List<String> listKeyPolicies(Principal caller, String keyId) {
        return policies.list(caller, keyId);
    }

    public void tagResource(Principal caller, String keyId, List<Tag> newTags) {
        tags.tag(caller, keyId, newTags);
    }

    public void untagResource(Principal caller, String keyId, List<String> tagKeys) {
        tags.untag(caller, keyId, tagKeys);
    }

    public Page<Tag> listResourceTags(Principal caller, String keyId, Optional<Integer> limit, Optional<String> marker) {
        return tags.list(caller, keyId, limit, marker);
    }
}
