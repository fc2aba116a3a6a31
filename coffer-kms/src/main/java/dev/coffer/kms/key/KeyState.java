package dev.coffer.kms.key;

/** A KMS key's state, spelled as AWS spells it on the wire. */
public enum KeyState {
    CREATING("Creating"),
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion"),
    PENDING_IMPORT("PendingImport"),
    PENDING_REPLICA_DELETION("PendingReplicaDeletion"),
    UNAVAILABLE("Unavailable"),
    UPDATING("Updating");

    private final String wire;

    KeyState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static KeyState fromWire(String s) {
        for (KeyState k : values()) {
            if (k.wire.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key state " + s);
    }
}
