-- CSV user import (issue 17): a job per upload, the uploaded file in chunks, and the lines that
-- failed. A job's progress (rows_done and the counts) is written in the same transaction as the
-- users of each batch, so a job that resumes after a restart neither skips nor repeats a row.
--
-- status: Created (waiting for its upload) | Pending | InProgress | Stopping | Stopped
--       | Succeeded | Failed (Cognito's UserImportJobStatusType).
-- upload_token_hash: SHA-256 of the secret of the job's upload URL; the URL is refused once the
--   job has started.
-- lease: a runner's claim on an InProgress job, renewed by every batch (heartbeat_at); a job
--   whose heartbeat is older than the configured staleness is taken over (resumed) by a sweep.
CREATE TABLE user_import_jobs (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    id                 TEXT        NOT NULL,
    name               TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    role_arn           TEXT        NOT NULL DEFAULT '',
    upload_token_hash  BYTEA       NOT NULL,
    upload_expires_at  TIMESTAMPTZ NOT NULL,
    uploaded_bytes     BIGINT,
    data_rows          BIGINT,
    actor              JSONB       NOT NULL,
    operation          TEXT        NOT NULL,
    rows_done          BIGINT      NOT NULL DEFAULT 0,
    imported_users     BIGINT      NOT NULL DEFAULT 0,
    skipped_users      BIGINT      NOT NULL DEFAULT 0,
    failed_users       BIGINT      NOT NULL DEFAULT 0,
    completion_message TEXT,
    lease              UUID,
    heartbeat_at       TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    started_at         TIMESTAMPTZ,
    completed_at       TIMESTAMPTZ,
    PRIMARY KEY (pool_id, id)
);
CREATE INDEX user_import_jobs_listing ON user_import_jobs (pool_id, created_at DESC, id);
CREATE INDEX user_import_jobs_running ON user_import_jobs (status) WHERE status IN ('Pending', 'InProgress', 'Stopping');

-- The uploaded CSV, as it came, in chunks of at most a few MiB (never held whole in memory).
CREATE TABLE user_import_chunks (
    pool_id            TEXT        NOT NULL,
    job_id             TEXT        NOT NULL,
    seq                INTEGER     NOT NULL,
    data               BYTEA       NOT NULL,
    PRIMARY KEY (pool_id, job_id, seq),
    FOREIGN KEY (pool_id, job_id) REFERENCES user_import_jobs (pool_id, id) ON DELETE CASCADE
);

-- The lines of a job that created no user, with the reason (never the line's values).
CREATE TABLE user_import_failures (
    pool_id            TEXT        NOT NULL,
    job_id             TEXT        NOT NULL,
    line               BIGINT      NOT NULL,
    reason             TEXT        NOT NULL,
    PRIMARY KEY (pool_id, job_id, line),
    FOREIGN KEY (pool_id, job_id) REFERENCES user_import_jobs (pool_id, id) ON DELETE CASCADE
);
