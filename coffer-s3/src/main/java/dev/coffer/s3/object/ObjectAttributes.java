package dev.coffer.s3.object;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What GetObjectAttributes answers about an object: its row and, when asked for, a page of its parts.
 *
 * @param parts present only for a multipart object with a COMPOSITE checksum whose parts were asked for: S3 lists
 *     the parts of such objects alone (each part's checksum is what they are listed for); of any other multipart
 *     object it answers the part count ({@link StoredObject#partCount()}) and nothing more
 */
public record ObjectAttributes(StoredObject object, Optional<PartPage> parts) {
    /** S3's page size when {@code x-amz-max-parts} is absent, and the most it lists at once. */
    public static final int MAX_PARTS_PER_PAGE = 1000;

    public ObjectAttributes {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(parts, "parts");
    }

    /** The parts to list: those numbered above {@code partNumberMarker}, at most {@code maxParts} of them. */
    public record PageRequest(int partNumberMarker, int maxParts) {
        public PageRequest {
            if (partNumberMarker < 0 || maxParts < 1 || maxParts > MAX_PARTS_PER_PAGE) {
                throw new IllegalArgumentException("bad page of parts: after " + partNumberMarker + ", " + maxParts);
            }
        }
    }

    /** One page of parts, in part order; {@code truncated} if parts follow it. */
    public record PartPage(PageRequest request, List<Part> parts, boolean truncated) {
        public PartPage {
            Objects.requireNonNull(request, "request");
            parts = List.copyOf(parts);
        }

        /** The last part listed, where the next page starts; 0 for an empty page. */
        public int nextPartNumberMarker() {
            return parts.isEmpty() ? 0 : parts.getLast().partNumber();
        }
    }

    /** One part of a completed multipart object: its number, plaintext size and checksum. */
    public record Part(int partNumber, long size, Optional<Checksum> checksum) {
        public Part {
            Objects.requireNonNull(checksum, "checksum");
        }
    }
}
