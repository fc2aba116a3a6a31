package dev.coffer.cli;

import com.amazonaws.encryptionsdk.model.CiphertextHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The first bytes of an input, and the AWS Encryption SDK message header they start with, parsed by the SDK's own
 * parser. {@code headers} is {@code null} when they do not hold a whole header the parser accepts (a malformed or
 * cut-short message, or a header over {@value #LIMIT} bytes): the SDK's decrypting stream, given the same bytes,
 * then says what is wrong exactly as it would have. {@code length} is the header's size; {@code read} every byte
 * read, the header's and any after it.
 */
record MessageHead(CiphertextHeaders headers, int length, byte[] read) {
    /** Headers hold the encrypted data keys: one per KMS key, a few hundred bytes each. */
    static final int LIMIT = 1 << 20;
    private static final int FIRST_READ = 64 * 1024;

    /**
     * Reads until a whole header is there, the input ends or {@value #LIMIT} bytes are read.
     *
     * @param maxEncryptedDataKeys as the SDK takes it: 0 for no limit
     */
    static MessageHead read(InputStream in, int maxEncryptedDataKeys) throws IOException {
        byte[] buffer = new byte[FIRST_READ];
        int filled = in.readNBytes(buffer, 0, buffer.length);
        while (true) {
            byte[] read = Arrays.copyOf(buffer, filled);
            CiphertextHeaders headers = new CiphertextHeaders();
            int parsed;
            try {
                parsed = headers.deserialize(read, 0, maxEncryptedDataKeys);
            } catch (RuntimeException malformed) {
                return new MessageHead(null, 0, read);
            }
            if (headers.isComplete()) {
                return new MessageHead(headers, parsed, read);
            }
            if (filled < buffer.length || buffer.length >= LIMIT) {
                return new MessageHead(null, 0, read);
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
            filled += in.readNBytes(buffer, filled, buffer.length - filled);
        }
    }

    /** The header exactly as read. */
    byte[] headerBytes() {
        return Arrays.copyOf(read, length);
    }

    @Override
    public String toString() {
        return "MessageHead[" + (headers == null ? "not parsed" : length + " bytes") + ", read " + read.length + "]";
    }
}
