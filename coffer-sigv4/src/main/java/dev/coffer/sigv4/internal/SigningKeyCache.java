package dev.coffer.sigv4.internal;

import dev.coffer.crypto.Secret;
import dev.coffer.sigv4.CredentialScope;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived signing keys, {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}, cached by (access key, date, region, service) so that a busy key costs four HMACs a day
 * instead of four per request.
 *
 * <p>An entry remembers a copy of the secret it was derived from and is used only while the credential's
 * secret still equals it (compared in constant time), so a rotated secret never meets a stale key.
 * Bounded: when full, entries of other days go first, then everything. Evicted entries are not zeroed,
 * because a request on another thread may be reading them at that moment; the garbage collector reclaims
 * them.
 */
public final class SigningKeyCache {
    private record Key(String accessKeyId, String date, String region, String service) {
    }

    private record Entry(Secret secret, Secret signingKey) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public SigningKeyCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** The signing key for {@code scope}; the caller must not modify or close it. */
    public Secret signingKey(String accessKeyId, Secret secretAccessKey, CredentialScope scope) {
        Key key = new Key(accessKeyId, scope.date(), scope.region(), scope.service());
        Entry e = entries.get(key);
        if (e != null && e.secret().equalsConstantTime(secretAccessKey)) {
            return e.signingKey();
        }
        Secret derived = derive(secretAccessKey, scope);
        if (entries.size() >= maxEntries) {
            entries.keySet().removeIf(k -> !k.date().equals(scope.date()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(secretAccessKey.copy(), derived));
        return derived;
    }

    int size() {
        return entries.size();
    }

    public static Secret derive(Secret secretAccessKey, CredentialScope scope) {
        byte[] secret = secretAccessKey.revealBytes();
        byte[] kSecret = new byte[4 + secret.length];
        kSecret[0] = 'A';
        kSecret[1] = 'W';
        kSecret[2] = 'S';
        kSecret[3] = '4';
        System.arraycopy(secret, 0, kSecret, 4, secret.length);
        byte[] kDate = Crypto.hmac(kSecret, scope.date());
        byte[] kRegion = Crypto.hmac(kDate, scope.region());
        byte[] kService = Crypto.hmac(kRegion, scope.service());
        byte[] kSigning = Crypto.hmac(kService, "aws4_request");
        Arrays.fill(kSecret, (byte) 0);
        Arrays.fill(kDate, (byte) 0);
        Arrays.fill(kRegion, (byte) 0);
        Arrays.fill(kService, (byte) 0);
        return Secret.wrap(kSigning);
    }

    /** The hex signature of {@code stringToSign}, as ASCII bytes ready for a constant-time comparison. */
    public static byte[] signatureHex(Secret signingKey, String stringToSign) {
        byte[] mac = Crypto.hmac(signingKey.revealBytes(), stringToSign);
        byte[] hex = new byte[64];
        Hex.encodeTo(mac, mac.length, hex);
        return hex;
    }
}
