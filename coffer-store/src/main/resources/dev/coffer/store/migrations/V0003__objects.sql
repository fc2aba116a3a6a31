-- S3 objects (coffer-s3, dev.coffer.s3.object). V0001 created `objects` with (bucket, object_key, blob_id,
-- size) so that DeleteBucket could check emptiness; no row could exist before this migration, because no
-- operation wrote one. This migration completes it. Columns that every row must have are NOT NULL with a
-- DEFAULT only because SQLite cannot add a NOT NULL column without one; the domain always writes them all
-- and refuses to read a row whose encryption record version it does not know (0 is none).
-- Runs on SQLite and PostgreSQL; ${BYTES} is BLOB or BYTEA; times are epoch milliseconds.
-- Keys sort by their UTF-8 bytes, as S3 lists them: SQLite's BINARY collation does that; PostgreSQL needs
-- the "C" collation on object_key (a PostgreSQL migration must add it).

-- The object itself. version_id is an internal id, random per write (32 hex digits): it binds the wrapped
-- data key, the body and the sealed metadata to this write of this key, so nothing can be moved between
-- objects. (Unversioned buckets answer VersionId "null" on the wire.)
ALTER TABLE objects ADD COLUMN version_id TEXT NOT NULL DEFAULT '';
ALTER TABLE objects ADD COLUMN etag TEXT NOT NULL DEFAULT '';              -- without quotes
ALTER TABLE objects ADD COLUMN last_modified BIGINT NOT NULL DEFAULT 0;
ALTER TABLE objects ADD COLUMN storage_class TEXT NOT NULL DEFAULT 'STANDARD';
ALTER TABLE objects ADD COLUMN checksum_algorithm TEXT;                    -- CRC32, CRC32C, CRC64NVME, SHA1, SHA256
ALTER TABLE objects ADD COLUMN checksum_value TEXT;                        -- base64, as S3 returns it
ALTER TABLE objects ADD COLUMN checksum_type TEXT;                         -- FULL_OBJECT (COMPOSITE: multipart)
-- Content-Type, Content-Encoding, … and every x-amz-meta-* pair, AES-256-GCM under a key derived from the
-- object's data key (dev.coffer.s3.object.MetadataSeal): never on disk in plaintext.
ALTER TABLE objects ADD COLUMN sealed_metadata ${BYTES};

-- The encryption record (dev.coffer.s3.sse.EncryptionRecord), versioned, one column per field.
ALTER TABLE objects ADD COLUMN enc_version INTEGER NOT NULL DEFAULT 0;     -- 1 = this layout
ALTER TABLE objects ADD COLUMN sse_mode TEXT NOT NULL DEFAULT '';          -- SSE_S3, SSE_C (later SSE_KMS, DSSE_KMS)
ALTER TABLE objects ADD COLUMN wrapped_dek ${BYTES};                       -- the data key, wrapped per mode
ALTER TABLE objects ADD COLUMN sse_c_key_check ${BYTES};                   -- SSE-C: salt ‖ salted HMAC of the customer key
ALTER TABLE objects ADD COLUMN kms_key_id TEXT;                            -- SSE-KMS / DSSE-KMS: the key ARN (phase B)
ALTER TABLE objects ADD COLUMN kms_context TEXT;                           -- SSE-KMS: the encryption context (phase B)
ALTER TABLE objects ADD COLUMN bucket_key_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objects ADD COLUMN outer_wrapped_dek ${BYTES};                 -- DSSE-KMS: the second layer's key (phase B)
ALTER TABLE objects ADD COLUMN body_format INTEGER NOT NULL DEFAULT 0;     -- dev.coffer.crypto.stream.BodyCipher format
ALTER TABLE objects ADD COLUMN segment_size INTEGER NOT NULL DEFAULT 0;    -- ciphertext segment size of the body

-- The start-up orphan sweep asks, for each blob file, whether any row still points to it.
CREATE INDEX objects_by_blob ON objects (blob_id);
