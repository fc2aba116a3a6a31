package dev.coffer.server.kms;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.grant.GrantRequests;
import dev.coffer.kms.internal.Markers.Page;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant: JSON ↔ domain records. */
final class GrantHandlers {
    private final KmsService kms;

    GrantHandlers(KmsService kms) {
        this.kms = kms;
    }

    byte[] createGrant(Principal caller, KmsJson in) throws IOException {
        String keyId = in.requiredString("KeyId");
        String grantee = in.requiredString("GranteePrincipal");
        GrantRequests.GrantCreated r = kms.createGrant(caller, new GrantRequests.CreateGrant(keyId, grantee,
                in.string("RetiringPrincipal"), in.stringList("Operations", true), constraints(in), in.string("Name"),
                in.bool("DryRun")));
        try (JsonOut out = new JsonOut()) {
            return out.str("GrantToken", r.grantToken()).str("GrantId", r.grantId()).bytes();
        }
    }

    private static Optional<GrantRequests.Constraints> constraints(KmsJson in) {
        Object raw = in.raw("Constraints");
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw KmsJson.serialization("Unexpected value type for Constraints: expected a structure.");
        }
        return Optional.of(new GrantRequests.Constraints(stringMap(m.get("EncryptionContextSubset")),
                stringMap(m.get("EncryptionContextEquals"))));
    }

    private static Map<String, String> stringMap(Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw KmsJson.serialization("Unexpected value type in Constraints: expected a map.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw KmsJson.serialization("Unexpected value type in Constraints: expected a string.");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    byte[] listGrants(Principal caller, KmsJson in) throws IOException {
        Page<GrantRequests.Grant> page = kms.listGrants(caller, new GrantRequests.ListGrants(in.requiredString("KeyId"),
                in.integer("Limit"), in.string("Marker"), in.string("GrantId"), in.string("GranteePrincipal")));
        return grants(page);
    }

    byte[] listRetirableGrants(Principal caller, KmsJson in) throws IOException {
        return grants(kms.listRetirableGrants(caller, in.requiredString("RetiringPrincipal"), in.integer("Limit"),
                in.string("Marker")));
    }

    private static byte[] grants(Page<GrantRequests.Grant> page) throws IOException {
        try (JsonOut out = new JsonOut()) {
            out.g.writeArrayFieldStart("Grants");
            for (GrantRequests.Grant g : page.items()) {
                out.g.writeStartObject();
                out.str("KeyId", g.keyArn()).str("GrantId", g.grantId()).str("Name", g.name())
                        .date("CreationDate", g.creationDate()).str("GranteePrincipal", g.granteePrincipal())
                        .str("RetiringPrincipal", g.retiringPrincipal()).str("IssuingAccount", g.issuingAccount());
                out.g.writeArrayFieldStart("Operations");
                for (String o : g.operations()) {
                    out.g.writeString(o);
                }
                out.g.writeEndArray();
                if (g.constraints().isPresent()) {
                    out.g.writeObjectFieldStart("Constraints");
                    map(out, "EncryptionContextSubset", g.constraints().get().encryptionContextSubset());
                    map(out, "EncryptionContextEquals", g.constraints().get().encryptionContextEquals());
                    out.g.writeEndObject();
                }
                out.g.writeEndObject();
            }
            out.g.writeEndArray();
            return out.str("NextMarker", page.nextMarker()).bool("Truncated", page.truncated()).bytes();
        }
    }

    private static void map(JsonOut out, String name, Map<String, String> m) throws IOException {
        if (!m.isEmpty()) {
            out.g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : m.entrySet()) {
                out.g.writeStringField(e.getKey(), e.getValue());
            }
            out.g.writeEndObject();
        }
    }

    void retireGrant(Principal caller, KmsJson in) {
        kms.retireGrant(caller, new GrantRequests.RetireGrant(in.string("GrantToken"), in.string("KeyId"),
                in.string("GrantId"), in.bool("DryRun")));
    }

    void revokeGrant(Principal caller, KmsJson in) {
        String keyId = in.requiredString("KeyId");
        kms.revokeGrant(caller, keyId, in.requiredString("GrantId"), in.bool("DryRun"));
    }
}
