package dev.coffer.kms.tag;

import dev.coffer.iam.Principal;
import dev.coffer.kms.KmsErrorCode;
import dev.coffer.kms.KmsException;
import dev.coffer.kms.internal.KeyRegistry;
import dev.coffer.kms.internal.KeyResolver;
import dev.coffer.kms.internal.LiveKey;
import dev.coffer.kms.internal.Markers;
import dev.coffer.kms.internal.Markers.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** TagResource, UntagResource, ListResourceTags; tags are written with the key's lock held. */
public final class KeyTags {
    /** AWS's quota of tags per KMS key. */
    public static final int MAX_TAGS_PER_KEY = 50;

    private final KeyRegistry registry;
    private final KeyResolver resolver;

    public KeyTags(KeyRegistry registry, KeyResolver resolver) {
        this.registry = registry;
        this.resolver = resolver;
    }

    public void tag(Principal caller, String keyRef, List<Tag> tags) {
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), "TagResource");
        validate(tags);
        registry.update(key.meta().keyId(), (current, c) -> {
            KeyResolver.requireNotPendingDeletion(current.meta());
            upsert(c, current.meta().keyId(), tags);
            if (count(c, current.meta().keyId()) > MAX_TAGS_PER_KEY) {
                throw new KmsException(KmsErrorCode.LIMIT_EXCEEDED, "A KMS key can have at most "
                        + MAX_TAGS_PER_KEY + " tags.");
            }
            return new KeyRegistry.Outcome<Void>(current, null);
        });
    }

    public void untag(Principal caller, String keyRef, List<String> tagKeys) {
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        KeyResolver.requireCustomerManaged(caller, key.meta(), "UntagResource");
        registry.update(key.meta().keyId(), (current, c) -> {
            KeyResolver.requireNotPendingDeletion(current.meta());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM kms_key_tags WHERE key_id = ? AND tag_key = ?")) {
                for (String k : tagKeys) {
                    s.setString(1, current.meta().keyId());
                    s.setString(2, k);
                    s.executeUpdate();
                }
            }
            return new KeyRegistry.Outcome<Void>(current, null);
        });
    }

    public Page<Tag> list(Principal caller, String keyRef, Optional<Integer> limit, Optional<String> marker) {
        LiveKey key = resolver.resolveKeyOnly(caller, keyRef);
        int max = Markers.limit(limit, 50, 50);
        List<Tag> all = registry.store().read(c -> {
            List<Tag> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tag_key, tag_value FROM kms_key_tags WHERE key_id = ? ORDER BY tag_key")) {
                s.setString(1, key.meta().keyId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Tag(r.getString(1), r.getString(2)));
                    }
                }
            }
            return out;
        });
        return Markers.page(all, Tag::tagKey, max, marker);
    }

    /** Checks AWS's tag rules; CreateKey calls it before writing anything. */
    public static void validate(List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag t = tags.get(i);
            String at = "tags." + (i + 1) + ".member.";
            if (t.tagKey().isEmpty()) {
                throw KmsException.validation(at + "tagKey", t.tagKey(), "Member must have length greater than or equal to 1");
            }
            if (t.tagKey().length() > 128) {
                throw KmsException.validation(at + "tagKey", t.tagKey(), "Member must have length less than or equal to 128");
            }
            if (t.tagValue().length() > 256) {
                throw KmsException.validation(at + "tagValue", t.tagValue(), "Member must have length less than or equal to 256");
            }
            if (t.tagKey().startsWith("aws:")) {
                throw new KmsException(KmsErrorCode.TAG, "Tags beginning with aws: are reserved.");
            }
            if (!seen.add(t.tagKey())) {
                throw new KmsException(KmsErrorCode.TAG, "Duplicate tag keys");
            }
        }
        if (tags.size() > MAX_TAGS_PER_KEY) {
            throw new KmsException(KmsErrorCode.LIMIT_EXCEEDED, "A KMS key can have at most " + MAX_TAGS_PER_KEY + " tags.");
        }
    }

    /** Adds or replaces tags; used by CreateKey inside its transaction. */
    public static void upsert(Connection c, String keyId, List<Tag> tags) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kms_key_tags (key_id, tag_key, tag_value)"
                + " VALUES (?, ?, ?) ON CONFLICT (key_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value")) {
            for (Tag t : tags) {
                s.setString(1, keyId);
                s.setString(2, t.tagKey());
                s.setString(3, t.tagValue());
                s.executeUpdate();
            }
        }
    }

    private static int count(Connection c, String keyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM kms_key_tags WHERE key_id = ?")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
