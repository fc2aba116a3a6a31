package dev.coffer.kms.grant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.grant.GrantRequests.Constraints;
import dev.coffer.kms.grant.GrantRequests.CreateGrant;
import dev.coffer.kms.grant.GrantRequests.Grant;
import dev.coffer.kms.grant.GrantRequests.GrantCreated;
import dev.coffer.kms.grant.GrantRequests.ListGrants;
import dev.coffer.kms.grant.GrantRequests.RetireGrant;
import dev.coffer.kms.internal.KeyRecord;
import dev.coffer.kms.internal.KeyRegistry.Outcome;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.KeyUse;
import dev.coffer.kms.internal.KmsContext;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.internal.Markers;
import dev.coffer.kms.internal.Markers.Page;
import dev.coffer.kms.key.KeySpecs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CreateGrant, ListGrants, ListRetirableGrants, RetireGrant and RevokeGrant, stored in {@code kms_grants}
 * with the key's lock held, so a grant never outlives its key.
 *
 * <p>Grants are stored, validated and returned as AWS does, but they do not authorize anything yet: every
 * caller of the key's account may use the key whether or not a grant exists, and a grant token does not make a
 * grant usable early. Making grants (and key policies) decide is the authorization issue's job.
 */
public final class Grants {
    /** The service model's GrantOperation. */
    static final List<String> OPERATIONS = List.of("Decrypt", "Encrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "Sign", "Verify", "GetPublicKey",
            "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
            "GenerateMac", "VerifyMac", "DeriveSharedSecret", "Encapsulate", "Decapsulate");
    private static final Set<String> ANY_KEY = Set.of("CreateGrant", "RetireGrant", "DescribeKey");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9:/_-]{1,256}");
    private static final Pattern PRINCIPAL = Pattern.compile("[\\w+=,.@:/-]{1,256}");
    private static final Pattern GRANT_ID = Pattern.compile("[0-9a-f]{64}");
    private static final JsonFactory JSON = new JsonFactory();

    private final KmsContext ctx;
    private final KeyResolver resolver;

    public Grants(KmsContext ctx, KeyResolver resolver) {
        this.ctx = ctx;
        this.resolver = resolver;
    }

    public GrantCreated create(Principal caller, CreateGrant request) {
        principal("granteePrincipal", request.granteePrincipal());
        request.retiringPrincipal().ifPresent(p -> principal("retiringPrincipal", p));
        request.name().ifPresent(n -> {
            if (!NAME.matcher(n).matches()) {
                throw KmsException.validation("name", n, "Member must satisfy regular expression pattern:"
                        + " ^[a-zA-Z0-9:/_-]+$");
            }
        });
        if (request.operations().isEmpty()) {
            throw KmsException.validation("operations", null, "Member must have length greater than or equal to 1");
        }
        request.operations().forEach(o -> KeyUse.checkEnum("operations", o, OPERATIONS));
        Optional<Constraints> constraints = request.constraints().filter(c -> !c.isEmpty());
        LiveKey key = resolver.resolveKeyOnly(caller, request.keyId());
        KeyResolver.requireCustomerManaged(caller, key.meta(), "CreateGrant");
        return ctx.registry().update(key.meta().keyId(), (current, c) -> {
            KeyRecord k = current.meta();
            KeyResolver.requireNotPendingDeletion(k);
            checkOperations(k, request.operations(), constraints);
            KeyUse.dryRun(request.dryRun());
            if (request.name().isPresent()) {
                Optional<GrantCreated> same = sameGrant(c, k, request, constraints);
                if (same.isPresent()) {
                    return new Outcome<>(current, same.get());
                }
            }
            byte[] id = new byte[32];
            ctx.random().nextBytes(id);
            String grantId = HexFormat.of().formatHex(id);
            String token = GrantTokens.newToken(grantId, ctx.random());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_grants (grant_id, key_id, account_id, name,"
                    + " grantee_principal, retiring_principal, issuing_account, operations, constraints, grant_token,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, grantId);
                s.setString(2, k.keyId());
                s.setString(3, k.accountId());
                s.setString(4, request.name().orElse(null));
                s.setString(5, request.granteePrincipal());
                s.setString(6, request.retiringPrincipal().orElse(null));
                s.setString(7, "arn:aws:iam::" + caller.accountId() + ":root");
                s.setString(8, String.join(",", request.operations()));
                s.setString(9, constraints.map(Grants::toJson).orElse(null));
                s.setString(10, token);
                s.setLong(11, ctx.now().toEpochMilli());
                s.executeUpdate();
            }
            return new Outcome<>(current, new GrantCreated(grantId, token));
        });
    }

    /** AWS: the same name and the same parameters return the existing grant (a retry, not a new grant). */
    private static Optional<GrantCreated> sameGrant(Connection c, KeyRecord k, CreateGrant request,
            Optional<Constraints> constraints) throws SQLException {
        for (Row row : rows(c, "g.key_id = ? AND g.name = ?", k.keyId(), request.name().get())) {
            Grant g = row.grant();
            if (g.granteePrincipal().equals(request.granteePrincipal())
                    && g.retiringPrincipal().equals(request.retiringPrincipal())
                    && g.operations().equals(request.operations()) && g.constraints().equals(constraints)) {
                return Optional.of(new GrantCreated(g.grantId(), row.token()));
            }
        }
        return Optional.empty();
    }

    private static void checkOperations(KeyRecord k, List<String> operations, Optional<Constraints> constraints) {
        Set<String> allowed = allowedOperations(k);
        for (String o : operations) {
            if (!ANY_KEY.contains(o) && !allowed.contains(o)) {
                throw KmsException.validation("Grant operation " + o + " is not valid for KMS key " + k.arn()
                        + " with KeySpec " + k.keySpec() + " and KeyUsage " + k.keyUsage() + ".");
            }
        }
        if (constraints.isPresent() && !k.keySpec().equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            throw KmsException.validation("Encryption context grant constraints are supported only for symmetric"
                    + " encryption KMS keys.");
        }
    }

    private static Set<String> allowedOperations(KeyRecord k) {
        if (k.keySpec().equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            return Set.of("Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom",
                    "ReEncryptTo", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext");
        }
        return switch (k.keyUsage()) {
            case "ENCRYPT_DECRYPT" -> Set.of("Decrypt", "Encrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey");
            case "SIGN_VERIFY" -> Set.of("Sign", "Verify", "GetPublicKey");
            case "KEY_AGREEMENT" -> Set.of("DeriveSharedSecret", "GetPublicKey");
            case "ENCAPSULATE_DECAPSULATE" -> Set.of("Encapsulate", "Decapsulate", "GetPublicKey");
            case "GENERATE_VERIFY_MAC" -> Set.of("GenerateMac", "VerifyMac");
            default -> Set.of();
        };
    }

    public Page<Grant> list(Principal caller, ListGrants request) {
        int limit = Markers.limit(request.limit(), 100, 50);
        request.grantId().ifPresent(Grants::grantIdFormat);
        LiveKey key = resolver.resolveKeyOnly(caller, request.keyId());
        List<Row> rows = ctx.registry().store().read(c -> rows(c, "g.key_id = ?", key.meta().keyId()));
        List<Row> matching = rows.stream()
                .filter(r -> request.grantId().map(r.grant().grantId()::equals).orElse(true))
                .filter(r -> request.granteePrincipal().map(r.grant().granteePrincipal()::equals).orElse(true))
                .toList();
        return page(matching, limit, request.marker());
    }

    public Page<Grant> listRetirable(Principal caller, String retiringPrincipal, Optional<Integer> limit,
            Optional<String> marker) {
        int max = Markers.limit(limit, 100, 50);
        principal("retiringPrincipal", retiringPrincipal);
        List<Row> rows = ctx.registry().store().read(c -> rows(c, "g.account_id = ? AND g.retiring_principal = ?",
                caller.accountId(), retiringPrincipal));
        return page(rows, max, marker);
    }

    private static Page<Grant> page(List<Row> rows, int limit, Optional<String> marker) {
        Page<Row> p = Markers.page(rows, Row::sortKey, limit, marker);
        return new Page<>(p.items().stream().map(Row::grant).toList(), p.nextMarker());
    }

    public void retire(Principal caller, RetireGrant request) {
        String grantId;
        Optional<String> keyRef = request.keyId();
        if (request.grantToken().isPresent()) {
            grantId = GrantTokens.grantId(request.grantToken().get());
        } else if (request.keyId().isPresent() && request.grantId().isPresent()) {
            grantId = grantIdFormat(request.grantId().get());
        } else {
            throw KmsException.validation("Either GrantToken or both KeyId and GrantId must be specified.");
        }
        String keyId;
        if (keyRef.isPresent()) {
            keyId = resolver.resolveKeyOnly(caller, keyRef.get()).meta().keyId();
        } else {
            keyId = ctx.registry().store().read(c -> rows(c, "g.grant_id = ? AND g.account_id = ?", grantId,
                    caller.accountId())).stream().findFirst().map(r -> r.keyId())
                    .orElseThrow(() -> grantNotFound(grantId));
        }
        delete(keyId, grantId, request.dryRun());
    }

    public void revoke(Principal caller, String keyRef, String grantId, boolean dryRun) {
        grantIdFormat(grantId);
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), "RevokeGrant");
        delete(key.meta().keyId(), grantId, dryRun);
    }

    private void delete(String keyId, String grantId, boolean dryRun) {
        ctx.registry().update(keyId, (current, c) -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM kms_grants WHERE key_id = ? AND grant_id = ?")) {
                s.setString(1, keyId);
                s.setString(2, grantId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw grantNotFound(grantId);
                    }
                }
            }
            KeyUse.dryRun(dryRun);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM kms_grants WHERE key_id = ? AND grant_id = ?")) {
                s.setString(1, keyId);
                s.setString(2, grantId);
                s.executeUpdate();
            }
            return new Outcome<Void>(current, null);
        });
    }

    private static KmsException grantNotFound(String grantId) {
        return KmsException.notFound("Grant ID " + grantId + " not found");
    }

    private static String grantIdFormat(String grantId) {
        if (!GRANT_ID.matcher(grantId).matches()) {
            throw new KmsException(KmsErrorCode.INVALID_GRANT_ID, "Invalid grant ID " + grantId);
        }
        return grantId;
    }

    private static void principal(String member, String value) {
        if (!PRINCIPAL.matcher(value).matches()) {
            throw KmsException.validation(member, value, "Member must satisfy regular expression pattern:"
                    + " ^[\\w+=,.@:/-]+$");
        }
    }

    /** One stored grant with what the queries need beside it. */
    private record Row(Grant grant, String keyId, String token, long createdAt) {
        String sortKey() {
            return String.format("%015d", createdAt) + grant.grantId();
        }
    }

    /** {@code where} is a fixed clause over {@code g} (kms_grants) with one parameter per argument. */
    private static List<Row> rows(Connection c, String where, String... args) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT g.grant_id, g.key_id, g.name, g.grantee_principal,"
                + " g.retiring_principal, g.issuing_account, g.operations, g.constraints, g.grant_token, g.created_at,"
                + " k.arn FROM kms_grants g JOIN kms_keys k ON k.key_id = g.key_id WHERE " + where
                + " ORDER BY g.created_at, g.grant_id")) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long created = r.getLong(10);
                    Grant g = new Grant(r.getString(11), r.getString(1), Optional.ofNullable(r.getString(3)),
                            Instant.ofEpochMilli(created), r.getString(4), Optional.ofNullable(r.getString(5)),
                            r.getString(6), List.of(r.getString(7).split(",")),
                            Optional.ofNullable(r.getString(8)).map(Grants::fromJson));
                    out.add(new Row(g, r.getString(2), r.getString(9), created));
                }
            }
        }
        return out;
    }

    static String toJson(Constraints c) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            writeMap(g, "EncryptionContextSubset", c.encryptionContextSubset());
            writeMap(g, "EncryptionContextEquals", c.encryptionContextEquals());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        if (!m.isEmpty()) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    static Constraints fromJson(String json) {
        Map<String, Map<String, String>> maps = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                Map<String, String> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, p.getText());
                }
                maps.put(name, m);
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored grant constraints are not JSON", e);
        }
        return new Constraints(maps.getOrDefault("EncryptionContextSubset", Map.of()),
                maps.getOrDefault("EncryptionContextEquals", Map.of()));
    }
}
