package dev.coffer.kms.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyRegistry;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. Policies are stored and returned; the authorization issue
 * makes them decide. A key has one policy, named {@code default}.
 */
public final class KeyPolicies {
    public static final String DEFAULT_NAME = "default";
    /** AWS's limit on a key policy document. */
    public static final int MAX_POLICY_BYTES = 32 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final KmsContext ctx;
    private final KeyRegistry registry;
    private final KeyResolver resolver;

    public KeyPolicies(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.registry = ctx.registry();
        this.resolver = resolver;
    }

    /**
     * The policy AWS gives a key created without one: the account may use the key through IAM policies.
     * Formatted as AWS returns it.
     */
    public static String defaultPolicy(String accountId) {
        return "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + accountId + ":root\"\n    },\n"
                + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";
    }

    public String get(Principal caller, String keyRef, Optional<String> policyName) {
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        requireDefaultName(policyName);
        return registry.store().read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT policy FROM kms_key_policies WHERE key_id = ? AND policy_name = ?")) {
                s.setString(1, key.meta().keyId());
                s.setString(2, DEFAULT_NAME);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : defaultPolicy(key.meta().accountId());
                }
            }
        });
    }

    public void put(Principal caller, String keyRef, Optional<String> policyName, String policy) {
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), "PutKeyPolicy");
        requireDefaultName(policyName);
        validate(policy);
        registry.update(key.meta().keyId(), (current, c) -> {
            KeyResolver.requireNotPendingDeletion(current.meta());
            store(c, current.meta().keyId(), policy, ctx.now());
            return new KeyRegistry.Outcome<Void>(current, null);
        });
    }

    public List<String> list(Principal caller, String keyRef) {
        resolver.resolveKeyOnly(caller, keyRef);
        return List.of(DEFAULT_NAME);
    }

    private static void requireDefaultName(Optional<String> name) {
        if (name.isPresent() && !name.get().equals(DEFAULT_NAME)) {
            throw KmsException.notFound("No such policy exists");
        }
    }

    /** Well-formed JSON object of at most 32 KB, else {@code MalformedPolicyDocumentException}. */
    public static void validate(String policy) {
        if (policy.getBytes(UTF_8).length > MAX_POLICY_BYTES) {
            throw new KmsException(KmsErrorCode.MALFORMED_POLICY_DOCUMENT,
                    "The policy document exceeds the maximum size of " + MAX_POLICY_BYTES + " bytes.");
        }
        try (JsonParser p = JSON.createParser(policy)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed();
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw malformed();
            }
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static KmsException malformed() {
        return new KmsException(KmsErrorCode.MALFORMED_POLICY_DOCUMENT, "The policy document is not valid JSON.");
    }

    public static void store(Connection c, String keyId, String policy, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_key_policies (key_id, policy_name, policy,"
                + " updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key_id, policy_name) DO UPDATE SET"
                + " policy = excluded.policy, updated_at = excluded.updated_at")) {
            s.setString(1, keyId);
            s.setString(2, DEFAULT_NAME);
            s.setString(3, policy);
            s.setLong(4, at.toEpochMilli());
            s.executeUpdate();
        }
    }
}
