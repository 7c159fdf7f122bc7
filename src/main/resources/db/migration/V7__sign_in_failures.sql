-- Failed password checks at sign-in, for the lockout of lifecycle spec section 6: one row per pool
-- and subject, where the subject is the user's sub, or 'name:' and the pool's key of the name for a
-- name that matches no user (clients that hide user existence), so that an unknown name locks out
-- exactly like a real one. No row means no failures; a correct password and a new password delete
-- the row. Every attempt claims its place with one atomic INSERT .. ON CONFLICT DO UPDATE, so the
-- count holds across replicas and under concurrent attempts. There is no foreign key to users (an
-- unknown name has none): the row of a deleted user is never read again, since a new user gets a
-- new sub; a row without an attempt for longer than the quiet reset counts as no failures.
CREATE TABLE sign_in_failures (
    pool_id            TEXT        NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    subject            TEXT        NOT NULL,
    failures           INTEGER     NOT NULL,
    locked_until       TIMESTAMPTZ,
    last_attempt_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pool_id, subject)
);
