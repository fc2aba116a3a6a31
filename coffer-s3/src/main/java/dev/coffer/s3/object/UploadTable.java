package dev.coffer.s3.object;

import dev.coffer.s3.CofferBugException;
import dev.coffer.s3.sse.EncryptionRecord;
import dev.coffer.s3.sse.SseAlgorithm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.Optional;

/** The SQL of {@code multipart_uploads}: one row per upload in progress, its encryption record fixed at creation. */
final class UploadTable {
    private static final String COLUMNS = "upload_id, bucket, object_key, version_id, initiated, owner_account_id, "
            + "storage_class, checksum_algorithm, checksum_type, sealed_metadata, enc_version, sse_mode, wrapped_dek, "
            + "sse_c_key_check, kms_key_id, kms_context, bucket_key_enabled, outer_wrapped_dek, kms_bucket_key, "
            + "body_format, segment_size";

    private UploadTable() {}

    /** An upload in progress: what the object will be, once completed. */
    record StoredUpload(MultipartRequests.Upload upload, String bucket, String versionId, byte[] sealedMetadata,
            EncryptionRecord encryption) {}

    static void insert(Connection c, StoredUpload u) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO multipart_uploads (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            MultipartRequests.Upload up = u.upload();
            EncryptionRecord e = u.encryption();
            s.setString(1, up.uploadId());
            s.setString(2, u.bucket());
            s.setString(3, up.key());
            s.setString(4, u.versionId());
            s.setLong(5, up.initiated().toEpochMilli());
            s.setString(6, up.ownerAccountId());
            s.setString(7, up.storageClass());
            ObjectTable.setString(s, 8, up.checksumAlgorithm());
            ObjectTable.setString(s, 9, up.checksumType());
            s.setBytes(10, u.sealedMetadata());
            s.setInt(11, e.version());
            s.setString(12, e.algorithm().name());
            s.setBytes(13, e.wrappedKey());
            ObjectTable.setBytes(s, 14, e.customerKeyCheck());
            ObjectTable.setString(s, 15, e.kmsKeyId());
            ObjectTable.setString(s, 16, e.kmsContext());
            s.setInt(17, e.bucketKeyEnabled() ? 1 : 0);
            ObjectTable.setBytes(s, 18, e.outerWrappedKey());
            ObjectTable.setBytes(s, 19, e.kmsBucketKey());
            s.setInt(20, e.bodyFormat());
            s.setInt(21, e.segmentSize());
            s.executeUpdate();
        }
    }

    static Optional<StoredUpload> find(Connection c, String uploadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM multipart_uploads WHERE upload_id = ?")) {
            s.setString(1, uploadId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    static void delete(Connection c, String uploadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM multipart_uploads WHERE upload_id = ?")) {
            s.setString(1, uploadId);
            s.executeUpdate();
        }
    }

    /**
     * Visits the uploads of {@code bucket} after (key, upload id), keys starting with {@code prefix}, in key order,
     * until {@code visitor} returns false.
     */
    static void scan(Connection c, String bucket, String prefix, String afterKey, String afterUploadId,
            Predicate<MultipartRequests.Upload> visitor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM multipart_uploads WHERE bucket = ? "
                + "AND object_key >= ? AND (object_key > ? OR (object_key = ? AND upload_id > ?)) "
                // upload_id sorts by initiation time (MultipartUploads.newUploadId), so this order and the
                // upload-id-marker comparison above agree, as S3's paging requires.
                + "ORDER BY object_key, upload_id")) {
            s.setString(1, bucket);
            s.setString(2, prefix);
            s.setString(3, afterKey);
            s.setString(4, afterKey);
            s.setString(5, afterUploadId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    MultipartRequests.Upload u = row(r).upload();
                    if (!u.key().startsWith(prefix) || !visitor.test(u)) {
                        return;
                    }
                }
            }
        }
    }

    private static StoredUpload row(ResultSet r) throws SQLException {
        int version = r.getInt("enc_version");
        if (version != EncryptionRecord.VERSION) {
            throw new CofferBugException("upload row has encryption record version " + version);
        }
        EncryptionRecord e = new EncryptionRecord(version, SseAlgorithm.valueOf(r.getString("sse_mode")),
                r.getBytes("wrapped_dek"), Optional.ofNullable(r.getBytes("sse_c_key_check")),
                Optional.ofNullable(r.getString("kms_key_id")), Optional.ofNullable(r.getString("kms_context")),
                r.getInt("bucket_key_enabled") != 0, Optional.ofNullable(r.getBytes("outer_wrapped_dek")),
                Optional.ofNullable(r.getBytes("kms_bucket_key")), r.getInt("body_format"), r.getInt("segment_size"));
        MultipartRequests.Upload up = new MultipartRequests.Upload(r.getString("upload_id"), r.getString("object_key"),
                Instant.ofEpochMilli(r.getLong("initiated")), r.getString("storage_class"),
                r.getString("owner_account_id"), Optional.ofNullable(r.getString("checksum_algorithm")),
                Optional.ofNullable(r.getString("checksum_type")));
        return new StoredUpload(up, r.getString("bucket"), r.getString("version_id"), r.getBytes("sealed_metadata"), e);
    }
}
