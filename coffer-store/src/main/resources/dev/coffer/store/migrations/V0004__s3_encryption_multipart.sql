-- S3 phase B (coffer-s3): bucket default encryption, SSE-KMS bucket keys, multipart uploads.
-- Runs on SQLite and PostgreSQL; ${BYTES} is BLOB or BYTEA; times are epoch milliseconds.

-- PutBucketEncryption (dev.coffer.s3.bucket.BucketEncryption). No row: the S3 default (SSE-S3, nothing
-- blocked). DeleteBucket deletes the row with the bucket.
CREATE TABLE bucket_encryption (
    bucket             TEXT    NOT NULL PRIMARY KEY REFERENCES buckets (name),
    sse_algorithm      TEXT    NOT NULL,          -- AES256, aws:kms, aws:kms:dsse
    kms_key_id         TEXT,                      -- KMSMasterKeyID as given (id, ARN or alias)
    bucket_key_enabled INTEGER NOT NULL,
    blocked_sse_c      INTEGER NOT NULL           -- BlockedEncryptionTypes holds SSE-C
);

-- SSE-KMS with a bucket key: the KMS ciphertext of the bucket key that wraps this object's data key
-- (dev.coffer.s3.sse.BucketKeys). Null for every other object.
ALTER TABLE objects ADD COLUMN kms_bucket_key ${BYTES};
-- Multipart objects: how many parts (0 = a single body in blob_id). Their bodies are the rows of
-- object_parts, in part order; blob_id then holds 'multipart' and names no blob.
ALTER TABLE objects ADD COLUMN part_count INTEGER NOT NULL DEFAULT 0;

-- The parts of completed multipart objects. Each part's body is a BodyCipher stream under the object's
-- data key, with associated data ObjectBinding.associatedData("part " + part_number).
CREATE TABLE object_parts (
    bucket       TEXT    NOT NULL,
    object_key   TEXT    NOT NULL,
    version_id   TEXT    NOT NULL,
    part_number  INTEGER NOT NULL,
    blob_id      TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    etag         TEXT    NOT NULL,
    checksum_value TEXT,
    PRIMARY KEY (bucket, object_key, version_id, part_number)
);
CREATE INDEX object_parts_by_blob ON object_parts (blob_id);

-- Multipart uploads in progress (dev.coffer.s3.multipart). The encryption record is fixed at
-- CreateMultipartUpload, in the same columns as objects; the data key is the object's.
CREATE TABLE multipart_uploads (
    upload_id          TEXT    NOT NULL PRIMARY KEY,
    bucket             TEXT    NOT NULL REFERENCES buckets (name),
    object_key         TEXT    NOT NULL,
    version_id         TEXT    NOT NULL,
    initiated          BIGINT  NOT NULL,
    owner_account_id   TEXT    NOT NULL,
    storage_class      TEXT    NOT NULL,
    checksum_algorithm TEXT,
    checksum_type      TEXT,
    sealed_metadata    ${BYTES},
    enc_version        INTEGER NOT NULL,
    sse_mode           TEXT    NOT NULL,
    wrapped_dek        ${BYTES},
    sse_c_key_check    ${BYTES},
    kms_key_id         TEXT,
    kms_context        TEXT,
    bucket_key_enabled INTEGER NOT NULL,
    outer_wrapped_dek  ${BYTES},
    kms_bucket_key     ${BYTES},
    body_format        INTEGER NOT NULL,
    segment_size       INTEGER NOT NULL
);
CREATE INDEX multipart_uploads_by_key ON multipart_uploads (bucket, object_key);

CREATE TABLE upload_parts (
    upload_id      TEXT    NOT NULL,
    part_number    INTEGER NOT NULL,
    blob_id        TEXT    NOT NULL,
    size           BIGINT  NOT NULL,
    etag           TEXT    NOT NULL,
    last_modified  BIGINT  NOT NULL,
    checksum_value TEXT,
    PRIMARY KEY (upload_id, part_number)
);
CREATE INDEX upload_parts_by_blob ON upload_parts (blob_id);

-- The AWS-managed key S3 uses for SSE-KMS when a request names none (alias/aws/s3), one per account,
-- created on first use (dev.coffer.s3.sse.ManagedKeys). Kept here until KMS can hold alias/aws/s3 itself.
CREATE TABLE s3_managed_keys (
    account_id TEXT NOT NULL PRIMARY KEY,
    key_arn    TEXT NOT NULL
);
