package dev.coffer.store.root;

import dev.coffer.crypto.Secret;

/**
 * Supplies the 256-bit root key that wraps every KMS key version. Implementations load or derive the key
 * once, when they are opened, and refuse to open (with a {@link RootKeyException} saying what to do)
 * rather than hand out a key that might be wrong.
 */
public interface RootKeyProvider extends AutoCloseable {

    /** Length of the root key in bytes. */
    int KEY_BYTES = 32;

    /**
     * A new copy of the root key on every call: the caller owns it and closes it when done, which zeroes
     * it without affecting the provider or other callers.
     */
    Secret rootKey();

    /** Where the key comes from, for the startup log ("file /var/lib/coffer/root.key"); never the key. */
    String description();

    /** Zeroes the provider's copy of the key; {@link #rootKey()} fails afterwards. */
    @Override
    void close();
}
