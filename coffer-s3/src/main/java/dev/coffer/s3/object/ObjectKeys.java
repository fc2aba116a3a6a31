package dev.coffer.s3.object;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.util.Set;

/** S3's rules for object keys and storage classes. */
final class ObjectKeys {
    /** S3's limit: 1,024 bytes of UTF-8. */
    static final int MAX_KEY_BYTES = 1024;
    static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
            "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE");

    private ObjectKeys() {}

    static String require(String key) {
        if (key.isEmpty()) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Key must not be empty");
        }
        if (key.getBytes(UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG, "Your key is too long")
                    .withDetail("Size", Integer.toString(key.getBytes(UTF_8).length))
                    .withDetail("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
        return key;
    }

    static String storageClass(java.util.Optional<String> requested) {
        String c = requested.orElse("STANDARD");
        if (!STORAGE_CLASSES.contains(c)) {
            throw new S3Exception(S3ErrorCode.INVALID_STORAGE_CLASS, "The storage class you specified is not valid");
        }
        return c;
    }
}
