-- Coffer's first schema. Runs on SQLite and PostgreSQL: portable types only; ${BYTES} is BLOB or BYTEA.
-- Times are epoch milliseconds (BIGINT). Every TEXT primary key says NOT NULL because SQLite, unlike
-- PostgreSQL, lets a non-INTEGER primary key column hold NULL.

-- IAM access keys. The secret access key is stored only sealed (coffer-iam decides how), never in
-- plaintext.
CREATE TABLE access_keys (
    access_key_id TEXT     NOT NULL PRIMARY KEY,
    user_name     TEXT     NOT NULL,
    account_id    TEXT     NOT NULL,
    arn           TEXT     NOT NULL,
    sealed_secret ${BYTES} NOT NULL,
    status        TEXT     NOT NULL,
    created_at    BIGINT   NOT NULL
);

-- ListAccessKeys looks keys up by user.
CREATE INDEX access_keys_by_user ON access_keys (account_id, user_name);

CREATE TABLE buckets (
    name             TEXT   NOT NULL PRIMARY KEY,
    region           TEXT   NOT NULL,
    owner_account_id TEXT   NOT NULL,
    created_at       BIGINT NOT NULL
);

-- Objects: the S3 work extends this table in later migrations. It exists now so that DeleteBucket can
-- check that a bucket is empty; the foreign key keeps an object from outliving its bucket.
CREATE TABLE objects (
    bucket     TEXT   NOT NULL REFERENCES buckets (name),
    object_key TEXT   NOT NULL,
    blob_id    TEXT   NOT NULL,
    size       BIGINT NOT NULL,
    PRIMARY KEY (bucket, object_key)
);
