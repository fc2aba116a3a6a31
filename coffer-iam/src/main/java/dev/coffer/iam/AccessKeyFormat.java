package dev.coffer.iam;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** AWS's shapes for account ids, access key ids and secret access keys. */
final class AccessKeyFormat {
    /** Long-term IAM user keys start with AKIA, as on AWS; 20 characters from AWS's base32 alphabet. */
    static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private AccessKeyFormat() {}

    static String newAccessKeyId(SecureRandom random) {
        StringBuilder b = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            b.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        return b.toString();
    }

    static char[] newSecretAccessKey(SecureRandom random) {
        char[] s = new char[40];
        for (int i = 0; i < s.length; i++) {
            s[i] = BASE64.charAt(random.nextInt(BASE64.length()));
        }
        return s;
    }

    /** A random 12-digit account id that does not start with 0, so tools never strip a leading zero. */
    static String newAccountId(SecureRandom random) {
        StringBuilder b = new StringBuilder().append(1 + random.nextInt(9));
        for (int i = 0; i < 11; i++) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }
}
