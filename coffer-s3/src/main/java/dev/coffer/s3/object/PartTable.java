package dev.coffer.s3.object;

import dev.coffer.store.BlobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of parts: {@code upload_parts} (uploads in progress) and {@code object_parts} (completed objects). */
final class PartTable {
    private PartTable() {}

    /** One part: its body's blob and plaintext size, its ETag (no quotes) and checksum. */
    record StoredPart(int partNumber, BlobId blobId, long size, String etag, Instant lastModified,
            Optional<String> checksumValue) {}

    /** All the parts of a completed object, in part order. */
    static List<StoredPart> objectParts(Connection c, String bucket, String key, String versionId) throws SQLException {
        return objectParts(c, bucket, key, versionId, 0, MultipartUploads.MAX_PARTS);
    }

    /** The parts of a completed object from {@code afterPart} on, in part order, at most {@code limit}. */
    static List<StoredPart> objectParts(Connection c, String bucket, String key, String versionId, int afterPart,
            int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT part_number, blob_id, size, etag, checksum_value "
                + "FROM object_parts WHERE bucket = ? AND object_key = ? AND version_id = ? AND part_number > ? "
                + "ORDER BY part_number LIMIT ?")) {
            s.setString(1, bucket);
            s.setString(2, key);
            s.setString(3, versionId);
            s.setInt(4, afterPart);
            s.setInt(5, limit);
            List<StoredPart> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredPart(r.getInt(1), new BlobId(r.getString(2)), r.getLong(3), r.getString(4),
                            Instant.EPOCH, Optional.ofNullable(r.getString(5))));
                }
            }
            return out;
        }
    }

    static void insertObjectPart(Connection c, StoredObject o, StoredPart p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO object_parts (bucket, object_key, version_id, "
                + "part_number, blob_id, size, etag, checksum_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, o.bucket());
            s.setString(2, o.key());
            s.setString(3, o.versionId());
            s.setInt(4, p.partNumber());
            s.setString(5, p.blobId().value());
            s.setLong(6, p.size());
            s.setString(7, p.etag());
            ObjectTable.setString(s, 8, p.checksumValue());
            s.executeUpdate();
        }
    }

    /** The parts of an upload from {@code afterPart} on, in part order. */
    static List<StoredPart> uploadParts(Connection c, String uploadId, int afterPart, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT part_number, blob_id, size, etag, last_modified, "
                + "checksum_value FROM upload_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number "
                + "LIMIT ?")) {
            s.setString(1, uploadId);
            s.setInt(2, afterPart);
            s.setInt(3, limit);
            List<StoredPart> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredPart(r.getInt(1), new BlobId(r.getString(2)), r.getLong(3), r.getString(4),
                            Instant.ofEpochMilli(r.getLong(5)), Optional.ofNullable(r.getString(6))));
                }
            }
            return out;
        }
    }

    /** Inserts or replaces a part of an upload; returns the blob of the part it replaced. */
    static Optional<BlobId> putUploadPart(Connection c, String uploadId, StoredPart p) throws SQLException {
        Optional<BlobId> old = Optional.empty();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT blob_id FROM upload_parts WHERE upload_id = ? AND part_number = ?")) {
            s.setString(1, uploadId);
            s.setInt(2, p.partNumber());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    old = Optional.of(new BlobId(r.getString(1)));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO upload_parts (upload_id, part_number, blob_id, size, "
                + "etag, last_modified, checksum_value) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (upload_id, part_number) "
                + "DO UPDATE SET blob_id = excluded.blob_id, size = excluded.size, etag = excluded.etag, "
                + "last_modified = excluded.last_modified, checksum_value = excluded.checksum_value")) {
            s.setString(1, uploadId);
            s.setInt(2, p.partNumber());
            s.setString(3, p.blobId().value());
            s.setLong(4, p.size());
            s.setString(5, p.etag());
            s.setLong(6, p.lastModified().toEpochMilli());
            ObjectTable.setString(s, 7, p.checksumValue());
            s.executeUpdate();
        }
        return old;
    }

    static void deleteUploadParts(Connection c, String uploadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM upload_parts WHERE upload_id = ?")) {
            s.setString(1, uploadId);
            s.executeUpdate();
        }
    }
}
