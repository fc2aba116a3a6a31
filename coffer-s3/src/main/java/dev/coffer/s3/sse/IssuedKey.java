package dev.coffer.s3.sse;

import dev.coffer.crypto.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * A new object's data key, in the clear for the write that encrypts with it, the second layer's key (DSSE-KMS
 * only), and the encryption record that stores them wrapped. Close it when the write is done: that zeroes the
 * keys.
 */
public record IssuedKey(Secret dataKey, Optional<Secret> outerKey, EncryptionRecord record) implements AutoCloseable {
    public IssuedKey {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(outerKey, "outerKey");
        Objects.requireNonNull(record, "record");
    }

    public IssuedKey(Secret dataKey, EncryptionRecord record) {
        this(dataKey, Optional.empty(), record);
    }

    @Override
    public void close() {
        dataKey.close();
        outerKey.ifPresent(Secret::close);
    }
}
