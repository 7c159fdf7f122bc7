-- Flat latency with pool size (issue 17). Measured on one database holding a pool of 10,000 and a
-- pool of 1,000,000 users (deploy/postgresql.md has the figures):
--
-- 1. users_username (unique, default operator class) and users_username_key_search (V3, the same
--    columns with text_pattern_ops) were two copies of one index, each about 84 MB per million
--    users and each written on every insert. A text_pattern_ops index answers = as well as the
--    prefix ranges of ListUsers, and enforces uniqueness the same way: one index is kept, under
--    the constraint name the service recognises (users_username).
-- 2. users_username_search (username, text_pattern_ops) served only ListUsers' username filter in
--    pools with case-sensitive usernames, where username_key is the username itself: that filter
--    now uses username_key in every pool, and the index goes (another 84 MB per million users).
-- 3. The indexes of the searchable generated columns held one entry per user even for users
--    without the attribute (most users have no given_name, phone_number, ...): they become
--    partial (WHERE col IS NOT NULL). Every ListUsers condition on them is strict (=, ~>=~, ~<~,
--    LIKE), so the planner still uses them; a user without the attribute costs them nothing.
-- 4. users is updated in place all day (attribute writes, sign-out times): vacuum and analyze it
--    after 1-2% of its rows changed rather than PostgreSQL's 20% (200,000 dead rows in a pool of a
--    million), and after bulk imports (insert scale factor), so visibility maps and statistics
--    keep up. fillfactor stays 80 (V1): updates that touch no indexed column stay HOT.
--
-- Rebuilding the indexes takes a few seconds per million users, with writes to users blocked
-- meanwhile (deploy/postgresql.md).
CREATE UNIQUE INDEX users_username_v16 ON users (pool_id, username_key text_pattern_ops);
DROP INDEX users_username;
ALTER INDEX users_username_v16 RENAME TO users_username;
DROP INDEX users_username_key_search;
DROP INDEX users_username_search;

DROP INDEX users_email;
CREATE INDEX users_email ON users (pool_id, email text_pattern_ops) WHERE email IS NOT NULL;
DROP INDEX users_phone_number;
CREATE INDEX users_phone_number ON users (pool_id, phone_number text_pattern_ops) WHERE phone_number IS NOT NULL;
DROP INDEX users_name;
CREATE INDEX users_name ON users (pool_id, name text_pattern_ops) WHERE name IS NOT NULL;
DROP INDEX users_given_name;
CREATE INDEX users_given_name ON users (pool_id, given_name text_pattern_ops) WHERE given_name IS NOT NULL;
DROP INDEX users_family_name;
CREATE INDEX users_family_name ON users (pool_id, family_name text_pattern_ops) WHERE family_name IS NOT NULL;
DROP INDEX users_preferred_username;
CREATE INDEX users_preferred_username ON users (pool_id, preferred_username text_pattern_ops)
    WHERE preferred_username IS NOT NULL;

ALTER TABLE users SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
    autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.05);
ALTER TABLE user_aliases SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.05);
