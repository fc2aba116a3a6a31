package dev.coffer.s3.bucket;

import dev.coffer.iam.Principal;
import dev.coffer.store.MetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.Optional;

/**
 * PutBucketEncryption, GetBucketEncryption, DeleteBucketEncryption, and the lookup writes make. A bucket with
 * no row has {@link EncryptionConfiguration#DEFAULT}, which GetBucketEncryption shows, as S3 does since 2023;
 * DeleteBucketEncryption returns a bucket to it.
 */
public final class BucketEncryption {
    private final MetadataStore store;
    private final Buckets buckets;

    public BucketEncryption(MetadataStore store, Buckets buckets) {
        this.store = Objects.requireNonNull(store, "store");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
    }

    public EncryptionConfiguration get(Principal caller, String bucket) {
        buckets.require(caller, bucket);
        return configurationOf(bucket);
    }

    public void put(Principal caller, String bucket, EncryptionConfiguration configuration) {
        buckets.require(caller, bucket);
        store.write(c -> {
            upsert(c, bucket, configuration);
            return null;
        });
    }

    public void delete(Principal caller, String bucket) {
        buckets.require(caller, bucket);
        store.write(c -> {
            remove(c, bucket);
            return null;
        });
    }

    /** The configuration writes to {@code bucket} follow (the caller was already checked). */
    public EncryptionConfiguration configurationOf(String bucket) {
        return store.read(c -> find(c, bucket)).orElse(EncryptionConfiguration.DEFAULT);
    }

    static Optional<EncryptionConfiguration> find(Connection c, String bucket) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sse_algorithm, kms_key_id, bucket_key_enabled, "
                + "blocked_sse_c FROM bucket_encryption WHERE bucket = ?")) {
            s.setString(1, bucket);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new EncryptionConfiguration(r.getString(1),
                        Optional.ofNullable(r.getString(2)), r.getInt(3) != 0, r.getInt(4) != 0)) : Optional.empty();
            }
        }
    }

    static void upsert(Connection c, String bucket, EncryptionConfiguration e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO bucket_encryption (bucket, sse_algorithm, kms_key_id, "
                + "bucket_key_enabled, blocked_sse_c) VALUES (?, ?, ?, ?, ?) ON CONFLICT (bucket) DO UPDATE SET "
                + "sse_algorithm = excluded.sse_algorithm, kms_key_id = excluded.kms_key_id, "
                + "bucket_key_enabled = excluded.bucket_key_enabled, blocked_sse_c = excluded.blocked_sse_c")) {
            s.setString(1, bucket);
            s.setString(2, e.sseAlgorithm());
            if (e.kmsMasterKeyId().isPresent()) {
                s.setString(3, e.kmsMasterKeyId().get());
            } else {
                s.setNull(3, Types.VARCHAR);
            }
            s.setInt(4, e.bucketKeyEnabled() ? 1 : 0);
            s.setInt(5, e.blockSseC() ? 1 : 0);
            s.executeUpdate();
        }
    }

    static void remove(Connection c, String bucket) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM bucket_encryption WHERE bucket = ?")) {
            s.setString(1, bucket);
            s.executeUpdate();
        }
    }
}
