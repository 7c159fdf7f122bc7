-- Userpools data model, designed once for every capability.
-- Every table below the pool is keyed by pool_id first, so that a pool can live whole on one
-- shard later (one pool never spans shards). The only lookups that do not start from a pool are
-- the client-id directory used at sign-in and the outbox dispatcher's queue scan.

-- Pools. Settings that never change after creation (schema, username/alias attributes,
-- case sensitivity) and the ones that may (messaging, triggers, limits) live in JSONB documents;
-- the service caches them.
CREATE TABLE pools (
    id                 TEXT PRIMARY KEY,
    name               TEXT        NOT NULL,
    settings           JSONB       NOT NULL,
    attribute_schema   JSONB       NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    last_modified_at   TIMESTAMPTZ NOT NULL
);

-- Signing keys, one or more per pool (kid for rotation). The private key is encrypted at rest
-- with a key from the environment.
CREATE TABLE pool_keys (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    kid                TEXT        NOT NULL,
    public_jwk         JSONB       NOT NULL,
    private_key_enc    BYTEA       NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    retired_at         TIMESTAMPTZ,
    PRIMARY KEY (pool_id, kid)
);

-- App clients. client_id is unique everywhere (sign-in names only the client).
CREATE TABLE app_clients (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    client_id          TEXT        NOT NULL,
    name               TEXT        NOT NULL,
    secret_hash        BYTEA,
    settings           JSONB       NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    last_modified_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pool_id, client_id)
);
CREATE UNIQUE INDEX app_clients_client_id ON app_clients (client_id);

-- Users. attributes holds every active attribute value (Cognito names, string values);
-- pending holds values waiting for verification ({"email": {"value": "...", "since": "..."}}).
-- The searchable attributes are generated columns with their own indexes, so that ListUsers is
-- index-backed while an update that does not touch them stays a HOT update.
CREATE TABLE users (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    sub                UUID        NOT NULL,
    username           TEXT        NOT NULL,
    username_key       TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    enabled            BOOLEAN     NOT NULL DEFAULT TRUE,
    password_hash      TEXT,
    attributes         JSONB       NOT NULL DEFAULT '{}',
    pending            JSONB       NOT NULL DEFAULT '{}',
    version            BIGINT      NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    last_modified_at   TIMESTAMPTZ NOT NULL,
    -- access tokens of sessions started before this instant are revoked (global sign-out)
    signed_out_at      TIMESTAMPTZ,
    email              TEXT GENERATED ALWAYS AS (attributes ->> 'email') STORED,
    phone_number       TEXT GENERATED ALWAYS AS (attributes ->> 'phone_number') STORED,
    name               TEXT GENERATED ALWAYS AS (attributes ->> 'name') STORED,
    given_name         TEXT GENERATED ALWAYS AS (attributes ->> 'given_name') STORED,
    family_name        TEXT GENERATED ALWAYS AS (attributes ->> 'family_name') STORED,
    preferred_username TEXT GENERATED ALWAYS AS (attributes ->> 'preferred_username') STORED,
    PRIMARY KEY (pool_id, sub)
) WITH (fillfactor = 80);
CREATE UNIQUE INDEX users_username ON users (pool_id, username_key);
CREATE INDEX users_username_search ON users (pool_id, username text_pattern_ops);
CREATE INDEX users_email ON users (pool_id, email text_pattern_ops);
CREATE INDEX users_phone_number ON users (pool_id, phone_number text_pattern_ops);
CREATE INDEX users_name ON users (pool_id, name text_pattern_ops);
CREATE INDEX users_given_name ON users (pool_id, given_name text_pattern_ops);
CREATE INDEX users_family_name ON users (pool_id, family_name text_pattern_ops);
CREATE INDEX users_preferred_username ON users (pool_id, preferred_username text_pattern_ops);
CREATE INDEX users_status ON users (pool_id, status);

-- Sign-in identifiers other than the username: the email/phone of UsernameAttributes pools
-- (verified or not) and the verified aliases of AliasAttributes pools. The primary key makes
-- uniqueness a database guarantee. value_key is case-folded where the pool says so.
CREATE TABLE user_aliases (
    pool_id            TEXT        NOT NULL,
    attribute_name     TEXT        NOT NULL,
    value_key          TEXT        NOT NULL,
    sub                UUID        NOT NULL,
    PRIMARY KEY (pool_id, attribute_name, value_key),
    FOREIGN KEY (pool_id, sub) REFERENCES users (pool_id, sub) ON DELETE CASCADE
);
CREATE INDEX user_aliases_user ON user_aliases (pool_id, sub);

-- Verification codes: one live code per user and attribute (a newer one replaces it), stored
-- only as an HMAC, bound to the value it verifies.
CREATE TABLE verification_codes (
    pool_id            TEXT        NOT NULL,
    sub                UUID        NOT NULL,
    attribute_name     TEXT        NOT NULL,
    code_hmac          BYTEA       NOT NULL,
    target_value       TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    consumed_at        TIMESTAMPTZ,
    PRIMARY KEY (pool_id, sub, attribute_name),
    FOREIGN KEY (pool_id, sub) REFERENCES users (pool_id, sub) ON DELETE CASCADE
);

-- Per-user attempt counters in fixed windows (codes sent, verify attempts).
CREATE TABLE user_attempts (
    pool_id            TEXT        NOT NULL,
    sub                UUID        NOT NULL,
    kind               TEXT        NOT NULL,
    window_start       TIMESTAMPTZ NOT NULL,
    attempts           INTEGER     NOT NULL,
    PRIMARY KEY (pool_id, sub, kind),
    FOREIGN KEY (pool_id, sub) REFERENCES users (pool_id, sub) ON DELETE CASCADE
);

-- Sign-in sessions: one row per refresh token family. origin_jti is shared by every token of
-- the session; the refresh token is stored only as a SHA-256 hash.
CREATE TABLE sessions (
    pool_id            TEXT        NOT NULL,
    origin_jti         UUID        NOT NULL,
    sub                UUID        NOT NULL,
    client_id          TEXT        NOT NULL,
    refresh_hash       BYTEA       NOT NULL,
    auth_time          TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    revoked_at         TIMESTAMPTZ,
    PRIMARY KEY (pool_id, origin_jti),
    FOREIGN KEY (pool_id, sub) REFERENCES users (pool_id, sub) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sessions_refresh ON sessions (refresh_hash);
CREATE INDEX sessions_user ON sessions (pool_id, sub);

-- Transactional outbox: messages written in the same transaction as the change, sent after
-- commit. The payload (which carries the code) is encrypted and the row is deleted once sent.
CREATE TABLE outbox (
    id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    channel            TEXT        NOT NULL,
    payload_enc        BYTEA       NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    next_attempt_at    TIMESTAMPTZ NOT NULL,
    attempts           INTEGER     NOT NULL DEFAULT 0,
    last_error         TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at);
