package dev.coffer.kms.tag;

import java.util.Objects;

/** A key tag; limits (key 1–128, value 0–256 characters, no {@code aws:} prefix) are checked by {@link KeyTags}. */
public record Tag(String tagKey, String tagValue) {
    public Tag {
        Objects.requireNonNull(tagKey, "tagKey");
        Objects.requireNonNull(tagValue, "tagValue");
    }
}
