package dev.coffer.s3.bucket;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.iam.Principal;
import dev.coffer.s3.S3ErrorCode;
import dev.coffer.s3.S3Exception;
import dev.coffer.store.MetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bucket operations: CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation.
 *
 * <p>A bucket belongs to the account that created it; until bucket policies arrive, only that account
 * may use it, and any other caller gets {@code AccessDenied}, as on AWS for a private bucket.
 */
public final class Buckets {
    /** AWS's default quota of general purpose buckets per account (raised from 100 in 2024). */
    public static final int MAX_BUCKETS_PER_ACCOUNT = 10_000;
    private static final String US_EAST_1 = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}|EU");

    private final MetadataStore store;
    private final String region;
    private final InstantSource clock;
    private final boolean blockSseCOnNewBuckets;

    public Buckets(MetadataStore store, String region, InstantSource clock) {
        this(store, region, clock, false);
    }

    /** @param blockSseCOnNewBuckets new buckets start with SSE-C in BlockedEncryptionTypes (S3 since April 2026) */
    public Buckets(MetadataStore store, String region, InstantSource clock, boolean blockSseCOnNewBuckets) {
        this.store = Objects.requireNonNull(store, "store");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.blockSseCOnNewBuckets = blockSseCOnNewBuckets;
    }

    public Bucket create(Principal caller, CreateBucketRequest request) {
        String name = BucketName.require(request.bucket());
        checkLocationConstraint(request.locationConstraint().filter(c -> !c.isEmpty()));
        Bucket bucket = new Bucket(name, region, caller.accountId(), Instant.ofEpochMilli(clock.millis()));
        return store.write(c -> {
            Optional<Bucket> existing = find(c, name);
            if (existing.isPresent()) {
                if (!existing.get().ownerAccountId().equals(caller.accountId())) {
                    throw S3Exception.of(S3ErrorCode.BUCKET_ALREADY_EXISTS, name);
                }
                // For legacy compatibility, S3 in us-east-1 answers 200 when you re-create your own bucket.
                if (region.equals(US_EAST_1)) {
                    return existing.get();
                }
                throw S3Exception.of(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU, name);
            }
            if (countOwnedBy(c, caller.accountId()) >= MAX_BUCKETS_PER_ACCOUNT) {
                throw S3Exception.of(S3ErrorCode.TOO_MANY_BUCKETS, name);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO buckets (name, region, owner_account_id, created_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, bucket.name());
                s.setString(2, bucket.region());
                s.setString(3, bucket.ownerAccountId());
                s.setLong(4, bucket.createdAt().toEpochMilli());
                s.executeUpdate();
            }
            if (blockSseCOnNewBuckets) {
                BucketEncryption.upsert(c, name, EncryptionConfiguration.DEFAULT.withSseCBlocked(true));
            }
            return bucket;
        });
    }

    private void checkLocationConstraint(Optional<String> constraint) {
        if (constraint.isEmpty()) {
            if (!region.equals(US_EAST_1)) {
                throw new S3Exception(S3ErrorCode.ILLEGAL_LOCATION_CONSTRAINT,
                        "The unspecified location constraint is incompatible for the region specific endpoint"
                                + " this request was sent to.");
            }
            return;
        }
        String c = constraint.get();
        // us-east-1 is the absence of a constraint; naming it explicitly is refused, as on AWS.
        if (c.equals(US_EAST_1) || !REGION.matcher(c).matches()) {
            throw new S3Exception(S3ErrorCode.INVALID_LOCATION_CONSTRAINT,
                    "The specified location-constraint is not valid");
        }
        String wanted = c.equals("EU") ? "eu-west-1" : c;
        if (!wanted.equals(region)) {
            throw new S3Exception(S3ErrorCode.ILLEGAL_LOCATION_CONSTRAINT, "The " + c
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
    }

    /** HeadBucket: the bucket, if it exists and the caller may see it. */
    public Bucket head(Principal caller, String name) {
        return require(caller, name);
    }

    /** GetBucketLocation: empty for us-east-1, as S3 answers, else the region name. */
    public String location(Principal caller, String name) {
        String r = require(caller, name).region();
        return r.equals(US_EAST_1) ? "" : r;
    }

    public BucketListing list(Principal caller, ListBucketsRequest request) {
        int max = request.maxBuckets().orElse(MAX_BUCKETS_PER_ACCOUNT);
        if (max < 1 || max > ListBucketsRequest.MAX_BUCKETS_LIMIT) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "max-buckets must be between 1 and " + ListBucketsRequest.MAX_BUCKETS_LIMIT);
        }
        String after = request.continuationToken().map(Buckets::decodeToken).orElse("");
        String prefix = request.prefix().orElse("");
        List<Bucket> page = store.read(c -> {
            List<Bucket> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT name, region, owner_account_id, created_at FROM buckets
                    WHERE owner_account_id = ? AND name > ? AND name >= ? ORDER BY name""")) {
                s.setString(1, caller.accountId());
                s.setString(2, after);
                s.setString(3, prefix);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next() && out.size() <= max) {
                        Bucket b = bucket(r);
                        if (!b.name().startsWith(prefix)) {
                            break;
                        }
                        if (request.bucketRegion().map(b.region()::equals).orElse(true)) {
                            out.add(b);
                        }
                    }
                }
            }
            return out;
        });
        if (page.size() > max) {
            List<Bucket> shown = page.subList(0, max);
            return new BucketListing(shown, Optional.of(encodeToken(shown.getLast().name())));
        }
        return new BucketListing(page, Optional.empty());
    }

    /** DeleteBucket: only an empty bucket can go. */
    public void delete(Principal caller, String name) {
        store.write(c -> {
            Bucket b = find(c, name).orElseThrow(() -> S3Exception.of(S3ErrorCode.NO_SUCH_BUCKET, name));
            checkOwner(caller, b);
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM objects WHERE bucket = ? LIMIT 1")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        throw S3Exception.of(S3ErrorCode.BUCKET_NOT_EMPTY, name);
                    }
                }
            }
            BucketEncryption.remove(c, name);
            // Uploads in progress go with the bucket; their part blobs become orphans the next sweep removes.
            try (PreparedStatement s = c.prepareStatement("DELETE FROM upload_parts WHERE upload_id IN "
                    + "(SELECT upload_id FROM multipart_uploads WHERE bucket = ?)")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM multipart_uploads WHERE bucket = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM buckets WHERE name = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The bucket, or {@code NoSuchBucket}; {@code AccessDenied} when another account owns it. */
    public Bucket require(Principal caller, String name) {
        if (!BucketName.isValid(name)) {
            // A name that cannot exist is reported as missing, not as invalid, as S3 does on reads.
            throw S3Exception.of(S3ErrorCode.NO_SUCH_BUCKET, name);
        }
        Bucket b = store.read(c -> find(c, name))
                .orElseThrow(() -> S3Exception.of(S3ErrorCode.NO_SUCH_BUCKET, name));
        checkOwner(caller, b);
        return b;
    }

    private static void checkOwner(Principal caller, Bucket b) {
        if (!b.ownerAccountId().equals(caller.accountId())) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED, b.name());
        }
    }

    private static Optional<Bucket> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, region, owner_account_id, created_at FROM buckets WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(bucket(r)) : Optional.empty();
            }
        }
    }

    private static int countOwnedBy(Connection c, String accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM buckets WHERE owner_account_id = ?")) {
            s.setString(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Bucket bucket(ResultSet r) throws SQLException {
        return new Bucket(r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)));
    }

    private static String encodeToken(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String name = new String(Base64.getUrlDecoder().decode(token), UTF_8);
            if (BucketName.isValid(name)) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the same error as any other unreadable token
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
}
