package dev.coffer.server.kms;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsService;
import dev.coffer.kms.alias.AliasEntry;
import dev.coffer.kms.internal.Markers.Page;
import dev.coffer.kms.key.KeyMetadata;
import dev.coffer.kms.key.KeyRequests;
import dev.coffer.kms.rotation.RotationRequests.RotationEntry;
import dev.coffer.kms.rotation.RotationRequests.RotationStatus;
import dev.coffer.kms.tag.Tag;
import java.io.IOException;

/** Key lifecycle, alias, rotation, policy and tag operations: JSON ↔ domain records. */
final class KeyHandlers {
    private final KmsService kms;

    KeyHandlers(KmsService kms) {
        this.kms = kms;
    }

    byte[] createKey(Principal caller, KmsJson in) throws IOException {
        KeyMetadata m = kms.createKey(caller, new KeyRequests.CreateKey(in.string("Policy"), in.string("Description"),
                in.string("KeyUsage"), in.string("KeySpec").or(() -> in.string("CustomerMasterKeySpec")),
                in.string("Origin"), in.bool("BypassPolicyLockoutSafetyCheck"), in.tags("Tags", false),
                in.bool("MultiRegion")));
        return metadataResponse(m);
    }

    byte[] describeKey(Principal caller, KmsJson in) throws IOException {
        return metadataResponse(kms.describeKey(caller, in.requiredString("KeyId")));
    }

    private static byte[] metadataResponse(KeyMetadata m) throws IOException {
        try (JsonOut out = new JsonOut()) {
            out.g.writeObjectFieldStart("KeyMetadata");
            out.str("AWSAccountId", m.awsAccountId()).str("KeyId", m.keyId()).str("Arn", m.arn())
                    .date("CreationDate", m.creationDate()).bool("Enabled", m.enabled())
                    .str("Description", m.description()).str("KeyUsage", m.keyUsage())
                    .str("KeyState", m.keyState().wire()).date("DeletionDate", m.deletionDate())
                    .str("Origin", m.origin()).str("KeyManager", m.keyManager())
                    .str("CustomerMasterKeySpec", m.keySpec()).str("KeySpec", m.keySpec());
            AsymmetricHandlers.algorithms(out, m.algorithms());
            out.str("ExpirationModel", m.expirationModel()).date("ValidTo", m.validTo());
            out.bool("MultiRegion", m.multiRegion()).str("CurrentKeyMaterialId", m.currentKeyMaterialId());
            out.g.writeEndObject();
            return out.bytes();
        }
    }

    byte[] listKeys(Principal caller, KmsJson in) throws IOException {
        KeyRequests.KeyList list = kms.listKeys(caller, new KeyRequests.ListKeys(in.integer("Limit"), in.string("Marker")));
        try (JsonOut out = new JsonOut()) {
            out.g.writeArrayFieldStart("Keys");
            for (KeyRequests.KeyListEntry k : list.keys()) {
                out.g.writeStartObject();
                out.str("KeyId", k.keyId()).str("KeyArn", k.keyArn());
                out.g.writeEndObject();
            }
            out.g.writeEndArray();
            return out.str("NextMarker", list.nextMarker()).bool("Truncated", list.truncated()).bytes();
        }
    }

    byte[] scheduleKeyDeletion(Principal caller, KmsJson in) throws IOException {
        KeyRequests.DeletionScheduled r = kms.scheduleKeyDeletion(caller, new KeyRequests.ScheduleKeyDeletion(
                in.requiredString("KeyId"), in.integer("PendingWindowInDays")));
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", r.keyArn()).date("DeletionDate", r.deletionDate())
                    .str("KeyState", r.keyState().wire()).num("PendingWindowInDays", r.pendingWindowInDays()).bytes();
        }
    }

    byte[] keyIdOnly(String keyArn) throws IOException {
        try (JsonOut out = new JsonOut()) {
            return out.str("KeyId", keyArn).bytes();
        }
    }

    byte[] getKeyLastUsage(Principal caller, KmsJson in) throws IOException {
        KeyRequests.KeyLastUsage u = kms.getKeyLastUsage(caller, in.requiredString("KeyId"));
        try (JsonOut out = new JsonOut()) {
            out.str("KeyId", u.keyId());
            if (u.operation().isPresent()) {
                out.g.writeObjectFieldStart("KeyLastUsage");
                out.str("Operation", u.operation()).date("Timestamp", u.timestamp()).str("KmsRequestId", u.requestId());
                out.g.writeEndObject();
            }
            return out.date("TrackingStartDate", u.trackingStartDate()).date("KeyCreationDate", u.keyCreationDate())
                    .bytes();
        }
    }

    byte[] listAliases(Principal caller, KmsJson in) throws IOException {
        Page<AliasEntry> page = kms.listAliases(caller, in.string("KeyId"), in.integer("Limit"), in.string("Marker"));
        try (JsonOut out = new JsonOut()) {
            out.g.writeArrayFieldStart("Aliases");
            for (AliasEntry a : page.items()) {
                out.g.writeStartObject();
                out.str("AliasName", a.aliasName()).str("AliasArn", a.aliasArn()).str("TargetKeyId", a.targetKeyId())
                        .date("CreationDate", a.creationDate()).date("LastUpdatedDate", a.lastUpdatedDate());
                out.g.writeEndObject();
            }
            out.g.writeEndArray();
            return out.str("NextMarker", page.nextMarker()).bool("Truncated", page.truncated()).bytes();
        }
    }

    byte[] getKeyRotationStatus(Principal caller, KmsJson in) throws IOException {
        RotationStatus s = kms.getKeyRotationStatus(caller, in.requiredString("KeyId"));
        try (JsonOut out = new JsonOut()) {
            out.bool("KeyRotationEnabled", s.enabled()).str("KeyId", s.keyArn());
            if (s.rotationPeriodInDays().isPresent()) {
                out.num("RotationPeriodInDays", s.rotationPeriodInDays().get());
            }
            return out.date("NextRotationDate", s.nextRotationDate()).bytes();
        }
    }

    byte[] listKeyRotations(Principal caller, KmsJson in) throws IOException {
        Page<RotationEntry> page = kms.listKeyRotations(caller, in.requiredString("KeyId"),
                in.string("IncludeKeyMaterial"), in.integer("Limit"), in.string("Marker"));
        try (JsonOut out = new JsonOut()) {
            out.g.writeArrayFieldStart("Rotations");
            for (RotationEntry r : page.items()) {
                out.g.writeStartObject();
                out.str("KeyId", r.keyId()).str("KeyMaterialId", r.keyMaterialId())
                        .str("KeyMaterialState", r.keyMaterialState()).date("RotationDate", r.rotationDate())
                        .str("RotationType", r.rotationType());
                out.g.writeEndObject();
            }
            out.g.writeEndArray();
            return out.str("NextMarker", page.nextMarker()).bool("Truncated", page.truncated()).bytes();
        }
    }

    byte[] getKeyPolicy(Principal caller, KmsJson in) throws IOException {
        String policy = kms.getKeyPolicy(caller, in.requiredString("KeyId"), in.string("PolicyName"));
        try (JsonOut out = new JsonOut()) {
            return out.str("Policy", policy).str("PolicyName", "default").bytes();
        }
    }

    byte[] listKeyPolicies(Principal caller, KmsJson in) throws IOException {
        try (JsonOut out = new JsonOut()) {
            out.g.writeArrayFieldStart("PolicyNames");
            for (String name : kms.listKeyPolicies(caller, in.requiredString("KeyId"))) {
                out.g.writeString(name);
            }
            out.g.writeEndArray();
            return out.bool("Truncated", false).bytes();
        }
    }

    byte[] listResourceTags(Principal caller, KmsJson in) throws IOException {
        Page<Tag> page = kms.listResourceTags(caller, in.requiredString("KeyId"), in.integer("Limit"),
                in.string("Marker"));
        try (JsonOut out = new JsonOut()) {
            out.g.writeArrayFieldStart("Tags");
            for (Tag t : page.items()) {
                out.g.writeStartObject();
                out.str("TagKey", t.tagKey()).str("TagValue", t.tagValue());
                out.g.writeEndObject();
            }
            out.g.writeEndArray();
            return out.str("NextMarker", page.nextMarker()).bool("Truncated", page.truncated()).bytes();
        }
    }
}
