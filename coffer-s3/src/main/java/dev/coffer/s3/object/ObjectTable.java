package dev.coffer.s3.object;

import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.sse.EncryptionRecord;
import dev.coffer.s3.sse.SseAlgorithm;
import dev.coffer.store.BlobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The SQL of {@code objects}: one row per object, the encryption record in its own columns. */
final class ObjectTable {
    private static final String COLUMNS = "bucket, object_key, version_id, blob_id, size, etag, last_modified, "
            + "storage_class, checksum_algorithm, checksum_value, checksum_type, sealed_metadata, enc_version, "
            + "sse_mode, wrapped_dek, sse_c_key_check, kms_key_id, kms_context, bucket_key_enabled, outer_wrapped_dek, "
            + "kms_bucket_key, body_format, segment_size, part_count";

    private ObjectTable() {}

    static Optional<StoredObject> find(Connection c, String bucket, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM objects WHERE bucket = ? AND object_key = ?")) {
            s.setString(1, bucket);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** Inserts or replaces the row of {@code o.key()}. */
    static void upsert(Connection c, StoredObject o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO objects (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, object_key) "
                + "DO UPDATE SET version_id = excluded.version_id, blob_id = excluded.blob_id, size = excluded.size, "
                + "etag = excluded.etag, last_modified = excluded.last_modified, storage_class = excluded.storage_class, "
                + "checksum_algorithm = excluded.checksum_algorithm, checksum_value = excluded.checksum_value, "
                + "checksum_type = excluded.checksum_type, sealed_metadata = excluded.sealed_metadata, "
                + "enc_version = excluded.enc_version, sse_mode = excluded.sse_mode, wrapped_dek = excluded.wrapped_dek, "
                + "sse_c_key_check = excluded.sse_c_key_check, kms_key_id = excluded.kms_key_id, "
                + "kms_context = excluded.kms_context, bucket_key_enabled = excluded.bucket_key_enabled, "
                + "outer_wrapped_dek = excluded.outer_wrapped_dek, kms_bucket_key = excluded.kms_bucket_key, "
                + "body_format = excluded.body_format, segment_size = excluded.segment_size, "
                + "part_count = excluded.part_count")) {
            EncryptionRecord e = o.encryption();
            s.setString(1, o.bucket());
            s.setString(2, o.key());
            s.setString(3, o.versionId());
            s.setString(4, o.blobId().value());
            s.setLong(5, o.size());
            s.setString(6, o.etag());
            s.setLong(7, o.lastModified().toEpochMilli());
            s.setString(8, o.storageClass());
            setString(s, 9, o.checksum().map(Checksum::algorithm));
            setString(s, 10, o.checksum().map(Checksum::value));
            setString(s, 11, o.checksum().map(Checksum::type));
            s.setBytes(12, o.sealedMetadata());
            s.setInt(13, e.version());
            s.setString(14, e.algorithm().name());
            s.setBytes(15, e.wrappedKey());
            setBytes(s, 16, e.customerKeyCheck());
            setString(s, 17, e.kmsKeyId());
            setString(s, 18, e.kmsContext());
            s.setInt(19, e.bucketKeyEnabled() ? 1 : 0);
            setBytes(s, 20, e.outerWrappedKey());
            setBytes(s, 21, e.kmsBucketKey());
            s.setInt(22, e.bodyFormat());
            s.setInt(23, e.segmentSize());
            s.setInt(24, o.partCount());
            s.executeUpdate();
        }
    }

    /** Deletes the row and its part list; returns the blobs it held (none if there was no row). */
    static List<BlobId> delete(Connection c, String bucket, String key) throws SQLException {
        Optional<StoredObject> o = find(c, bucket, key);
        if (o.isEmpty()) {
            return List.of();
        }
        List<BlobId> blobs = new ArrayList<>();
        if (o.get().partCount() == 0) {
            blobs.add(o.get().blobId());
        } else {
            for (PartTable.StoredPart p : PartTable.objectParts(c, bucket, key, o.get().versionId())) {
                blobs.add(p.blobId());
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM object_parts WHERE bucket = ? AND object_key = ? AND version_id = ?")) {
                s.setString(1, bucket);
                s.setString(2, key);
                s.setString(3, o.get().versionId());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM objects WHERE bucket = ? AND object_key = ?")) {
            s.setString(1, bucket);
            s.setString(2, key);
            s.executeUpdate();
        }
        return blobs;
    }

    /** Whether an object, a completed object's part or an upload's part uses {@code blob}. */
    static boolean referencesBlob(Connection c, BlobId blob) throws SQLException {
        for (String table : new String[] {"objects", "object_parts", "upload_parts"}) {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE blob_id = ? LIMIT 1")) {
                s.setString(1, blob.value());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Visits the rows of {@code bucket} whose key is greater than {@code after} and starts with {@code prefix},
     * in key order (UTF-8 byte order), until {@code visitor} returns false.
     */
    static void scan(Connection c, String bucket, String prefix, String after, Predicate<StoredObject> visitor)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM objects WHERE bucket = ? "
                + "AND object_key > ? AND object_key >= ? ORDER BY object_key")) {
            s.setString(1, bucket);
            s.setString(2, after);
            s.setString(3, prefix);
            s.setFetchSize(256);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    StoredObject o = row(r);
                    if (!o.key().startsWith(prefix) || !visitor.test(o)) {
                        return;
                    }
                }
            }
        }
    }

    private static StoredObject row(ResultSet r) throws SQLException {
        int version = r.getInt("enc_version");
        if (version != EncryptionRecord.VERSION) {
            throw new CofferBugException("object row has encryption record version " + version);
        }
        Optional<Checksum> checksum = Optional.ofNullable(r.getString("checksum_algorithm"))
                .map(a -> new Checksum(a, requireNonNull(r, "checksum_value"),
                        Optional.ofNullable(stringOrNull(r, "checksum_type")).orElse(Checksum.FULL_OBJECT)));
        EncryptionRecord e = new EncryptionRecord(version, SseAlgorithm.valueOf(r.getString("sse_mode")),
                r.getBytes("wrapped_dek"), Optional.ofNullable(r.getBytes("sse_c_key_check")),
                Optional.ofNullable(r.getString("kms_key_id")), Optional.ofNullable(r.getString("kms_context")),
                r.getInt("bucket_key_enabled") != 0, Optional.ofNullable(r.getBytes("outer_wrapped_dek")),
                Optional.ofNullable(r.getBytes("kms_bucket_key")), r.getInt("body_format"), r.getInt("segment_size"));
        return new StoredObject(r.getString("bucket"), r.getString("object_key"), r.getString("version_id"),
                new BlobId(r.getString("blob_id")), r.getLong("size"), r.getString("etag"),
                Instant.ofEpochMilli(r.getLong("last_modified")), r.getString("storage_class"), checksum,
                r.getBytes("sealed_metadata"), e, r.getInt("part_count"));
    }

    private static String stringOrNull(ResultSet r, String column) {
        try {
            return r.getString(column);
        } catch (SQLException e) {
            throw new CofferBugException("cannot read " + column, e);
        }
    }

    private static String requireNonNull(ResultSet r, String column) {
        try {
            String v = r.getString(column);
            if (v == null) {
                throw new CofferBugException("object row has no " + column);
            }
            return v;
        } catch (SQLException e) {
            throw new CofferBugException("cannot read " + column, e);
        }
    }

    static void setString(PreparedStatement s, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            s.setString(i, v.get());
        } else {
            s.setNull(i, Types.VARCHAR);
        }
    }

    static void setBytes(PreparedStatement s, int i, Optional<byte[]> v) throws SQLException {
        if (v.isPresent()) {
            s.setBytes(i, v.get());
        } else {
            s.setNull(i, Types.BINARY);
        }
    }
}
