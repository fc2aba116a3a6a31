-- The KMS domain (coffer-kms). Runs on SQLite and PostgreSQL; times are epoch milliseconds (BIGINT),
-- booleans are INTEGER 0/1 (portable), optional values are NULL.

-- One row per KMS key. The row is the key's metadata; its material lives in kms_key_versions.
CREATE TABLE kms_keys (
    key_id                TEXT    NOT NULL PRIMARY KEY,  -- UUID, lower case
    account_id            TEXT    NOT NULL,
    region                TEXT    NOT NULL,
    arn                   TEXT    NOT NULL,
    description           TEXT    NOT NULL,
    key_spec              TEXT    NOT NULL,              -- SYMMETRIC_DEFAULT, RSA_2048, HMAC_256, …
    key_usage             TEXT    NOT NULL,              -- ENCRYPT_DECRYPT, SIGN_VERIFY, …
    origin                TEXT    NOT NULL,              -- AWS_KMS, EXTERNAL
    key_manager           TEXT    NOT NULL,              -- CUSTOMER, AWS
    key_state             TEXT    NOT NULL,              -- Enabled, Disabled, PendingDeletion, PendingImport
    created_at            BIGINT  NOT NULL,
    deletion_date         BIGINT,                        -- set while PendingDeletion
    pending_window_days   INTEGER,                       -- set while PendingDeletion
    state_before_deletion TEXT,                          -- reserved: CancelKeyDeletion always answers Disabled
    rotation_enabled      INTEGER NOT NULL,
    rotation_period_days  INTEGER,
    next_rotation_at      BIGINT,                        -- due automatic rotation, when enabled
    current_version       INTEGER NOT NULL,              -- newest version; new ciphertexts use it
    expiration_model      TEXT,                          -- imported material (phase B)
    valid_to              BIGINT,                        -- imported material (phase B)
    last_used_operation   TEXT,                          -- GetKeyLastUsage
    last_used_at          BIGINT,
    last_used_request_id  TEXT
);

CREATE INDEX kms_keys_by_account ON kms_keys (account_id, key_id);
-- The scheduler finds due deletions and rotations without a full scan.
CREATE INDEX kms_keys_by_deletion ON kms_keys (deletion_date);
CREATE INDEX kms_keys_by_rotation ON kms_keys (next_rotation_at);

-- One row per key version (rotation adds one). The material is stored only sealed under the root key:
-- AES-256-GCM with AAD = key ARN ‖ version (dev.coffer.kms.internal.MaterialSealer). NULL material means
-- destroyed or not yet imported. Asymmetric keys (phase B) keep their public key in clear.
CREATE TABLE kms_key_versions (
    key_id          TEXT     NOT NULL REFERENCES kms_keys (key_id),
    version         INTEGER  NOT NULL,
    material_id     TEXT     NOT NULL,   -- 64 hex digits, AWS's KeyMaterialId
    sealed_material ${BYTES},
    public_key      ${BYTES},
    rotation_type   TEXT,                -- NULL for the first version; AUTOMATIC or ON_DEMAND
    created_at      BIGINT   NOT NULL,
    PRIMARY KEY (key_id, version)
);

CREATE TABLE kms_aliases (
    account_id TEXT   NOT NULL,
    alias_name TEXT   NOT NULL,          -- "alias/…"
    key_id     TEXT   NOT NULL REFERENCES kms_keys (key_id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, alias_name)
);

CREATE INDEX kms_aliases_by_key ON kms_aliases (key_id);

CREATE TABLE kms_key_tags (
    key_id    TEXT NOT NULL REFERENCES kms_keys (key_id),
    tag_key   TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (key_id, tag_key)
);

CREATE TABLE kms_key_policies (
    key_id      TEXT   NOT NULL REFERENCES kms_keys (key_id),
    policy_name TEXT   NOT NULL,         -- always "default" today
    policy      TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (key_id, policy_name)
);

-- Grants (phase B): operations is a comma-separated list of operation names; constraints is the
-- Constraints structure as JSON; the token is what CreateGrant returns.
CREATE TABLE kms_grants (
    grant_id           TEXT   NOT NULL PRIMARY KEY,
    key_id             TEXT   NOT NULL REFERENCES kms_keys (key_id),
    account_id         TEXT   NOT NULL,
    name               TEXT,
    grantee_principal  TEXT   NOT NULL,
    retiring_principal TEXT,
    issuing_account    TEXT   NOT NULL,
    operations         TEXT   NOT NULL,
    constraints        TEXT,
    grant_token        TEXT   NOT NULL,
    created_at         BIGINT NOT NULL
);

CREATE INDEX kms_grants_by_key ON kms_grants (key_id);

-- Import state (phase B): the RSA wrapping key of GetParametersForImport, sealed under the root key, and
-- its token, valid for 24 hours.
CREATE TABLE kms_import_tokens (
    token_id            TEXT     NOT NULL PRIMARY KEY,
    key_id              TEXT     NOT NULL REFERENCES kms_keys (key_id),
    wrapping_algorithm  TEXT     NOT NULL,
    wrapping_key_spec   TEXT     NOT NULL,
    sealed_private_key  ${BYTES} NOT NULL,
    expires_at          BIGINT   NOT NULL
);

CREATE INDEX kms_import_tokens_by_key ON kms_import_tokens (key_id);
