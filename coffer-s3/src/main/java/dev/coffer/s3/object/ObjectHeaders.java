package dev.coffer.s3.object;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The metadata a client stores with an object: the standard headers S3 keeps and the user metadata
 * ({@code x-amz-meta-*}, names lower-case without the prefix). All of it is sealed before it is stored.
 */
public record ObjectHeaders(Optional<String> contentType, Optional<String> contentEncoding,
        Optional<String> contentDisposition, Optional<String> contentLanguage, Optional<String> cacheControl,
        Optional<String> expires, SequencedMap<String, String> userMetadata) {
    /** S3's limit on user metadata: names and values of the x-amz-meta-* headers, in UTF-8 bytes. */
    public static final int MAX_USER_METADATA_BYTES = 2 * 1024;
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public ObjectHeaders {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentEncoding, "contentEncoding");
        Objects.requireNonNull(contentDisposition, "contentDisposition");
        Objects.requireNonNull(contentLanguage, "contentLanguage");
        Objects.requireNonNull(cacheControl, "cacheControl");
        Objects.requireNonNull(expires, "expires");
        userMetadata = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(userMetadata));
    }

    public static ObjectHeaders none() {
        return new ObjectHeaders(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), new LinkedHashMap<>());
    }

    /** Refuses user metadata over S3's 2 KB limit with {@code MetadataTooLarge}. */
    public ObjectHeaders checkLimits() {
        int bytes = 0;
        for (Map.Entry<String, String> e : userMetadata.entrySet()) {
            bytes += e.getKey().getBytes(UTF_8).length + e.getValue().getBytes(UTF_8).length;
        }
        if (bytes > MAX_USER_METADATA_BYTES) {
            throw new S3Exception(S3ErrorCode.METADATA_TOO_LARGE,
                    "Your metadata headers exceed the maximum allowed metadata size.");
        }
        return this;
    }
}
