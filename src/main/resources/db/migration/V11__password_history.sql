-- Previous passwords of a user, for the pool's PasswordHistorySize (lifecycle spec 1.3): only
-- their bcrypt hashes, as users.password_hash holds the current one. A pool with size n keeps at
-- most n - 1 rows per user (the current password is the n-th), trimmed on every password change;
-- the rows go with the user.
CREATE TABLE password_history (
    pool_id            TEXT        NOT NULL,
    sub                UUID        NOT NULL,
    id                 BIGINT      GENERATED ALWAYS AS IDENTITY,
    password_hash      TEXT        NOT NULL,
    replaced_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pool_id, sub, id),
    FOREIGN KEY (pool_id, sub) REFERENCES users (pool_id, sub) ON DELETE CASCADE
);
