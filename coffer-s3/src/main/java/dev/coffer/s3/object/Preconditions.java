package dev.coffer.s3.object;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The conditional headers of a request ({@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since},
 * {@code If-Unmodified-Since}), evaluated as RFC 9110 §13.2.2 orders them, which is what S3 documents: a true
 * If-Match makes If-Unmodified-Since irrelevant, a false If-None-Match makes If-Modified-Since irrelevant.
 * Dates that did not parse are absent (S3 ignores them).
 */
public record Preconditions(Optional<String> ifMatch, Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince,
        Optional<Instant> ifUnmodifiedSince) {

    public static Preconditions none() {
        return new Preconditions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** GET and HEAD: 412 {@code PreconditionFailed} or 304 {@code NotModified}, or nothing. */
    void checkRead(StoredObject o) {
        if (ifMatch.isPresent()) {
            if (!matches(ifMatch.get(), o.etag())) {
                throw failed("If-Match");
            }
        } else if (ifUnmodifiedSince.isPresent() && seconds(o.lastModified()).isAfter(ifUnmodifiedSince.get())) {
            throw failed("If-Unmodified-Since");
        }
        if (ifNoneMatch.isPresent()) {
            if (matches(ifNoneMatch.get(), o.etag())) {
                throw notModified(o);
            }
        } else if (ifModifiedSince.isPresent() && !seconds(o.lastModified()).isAfter(ifModifiedSince.get())) {
            throw notModified(o);
        }
    }

    /**
     * PutObject: {@code If-None-Match: *} fails when the key exists; {@code If-Match} fails unless the current
     * object has that ETag (and with {@code NoSuchKey} when there is none, as S3 answers).
     */
    void checkWrite(Optional<StoredObject> current, String key) {
        if (ifNoneMatch.isPresent()) {
            if (!ifNoneMatch.get().strip().equals("*")) {
                throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                        "A header you provided implies functionality that is not implemented", key);
            }
            if (current.isPresent()) {
                throw failed("If-None-Match");
            }
        }
        if (ifMatch.isPresent()) {
            if (current.isEmpty()) {
                throw S3Exception.of(S3ErrorCode.NO_SUCH_KEY, key).withDetail("Key", key);
            }
            if (!matches(ifMatch.get(), current.get().etag())) {
                throw failed("If-Match");
            }
        }
    }

    /** A comma-separated list of (possibly weak) entity tags, or {@code *}. */
    static boolean matches(String condition, String etag) {
        for (String part : condition.split(",")) {
            String t = part.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static S3Exception failed(String condition) {
        return new S3Exception(S3ErrorCode.PRECONDITION_FAILED,
                "At least one of the pre-conditions you specified did not hold").withDetails(Map.of("Condition", condition));
    }

    private static S3Exception notModified(StoredObject o) {
        return new S3Exception(S3ErrorCode.NOT_MODIFIED).withDetail("ETag", o.quotedEtag());
    }
}
