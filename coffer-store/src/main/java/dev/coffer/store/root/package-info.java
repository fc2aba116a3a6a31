/**
 * The root of trust: where the 256-bit root key comes from (a 0600 file, or a passphrase through
 * Argon2id). Start with {@link dev.coffer.store.root.RootKeyProvider}.
 */
package dev.coffer.store.root;
