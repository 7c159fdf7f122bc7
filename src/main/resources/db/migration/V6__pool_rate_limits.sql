-- Per-pool request-rate limits that override the deployment's (userpools.rate-limits.*), one row
-- per pool and Cognito quota category, in requests per second.
CREATE TABLE pool_rate_limits (
    pool_id     TEXT    NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    category    TEXT    NOT NULL,
    per_second  INTEGER NOT NULL CHECK (per_second > 0),
    PRIMARY KEY (pool_id, category)
);
