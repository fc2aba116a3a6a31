/** Key tags: start with {@link dev.coffer.kms.tag.KeyTags}. */
package dev.coffer.kms.tag;
