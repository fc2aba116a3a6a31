package dev.coffer.s3.bucket;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AWS's rules for general purpose bucket names ("Bucket naming rules" in the S3 user guide):
 * 3–63 characters of lower-case letters, digits, dots and hyphens; starting and ending with a letter or
 * digit; no two adjacent dots; not shaped like an IP address; none of the reserved prefixes and suffixes.
 */
public final class BucketName {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketName() {}

    public static boolean isValid(String name) {
        if (name == null || !SHAPE.matcher(name).matches() || name.contains("..")
                || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        return RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    /** Throws {@code InvalidBucketName} unless {@code name} follows the rules. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw S3Exception.of(S3ErrorCode.INVALID_BUCKET_NAME, name);
        }
        return name;
    }
}
