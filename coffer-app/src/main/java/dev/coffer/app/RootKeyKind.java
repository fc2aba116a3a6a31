package dev.coffer.app;

import java.util.Locale;

/** Where the root key comes from. */
enum RootKeyKind {
    FILE, PASSPHRASE;

    static RootKeyKind parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--root-key must be 'file' or 'passphrase', got '" + value + "'");
        }
    }
}
