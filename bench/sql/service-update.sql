-- pgbench script (a): the statement the service issues for one
-- PATCH /pools/{poolId}/users/{username}/attributes that sets a custom attribute, in the same
-- shape. KEEP IN SYNC with BatchedWrites.mergeMany (the fast path of AttributeService:
-- requests that touch no email, phone, flag or identifier attribute are validated against the
-- schema and stored by MergeLanes; a write that finds the service idle is this statement with
-- one row; under load the service puts the writes of many users into one such statement, which
-- is why its throughput can pass this script's).
-- One difference: the service's statement says FOR UPDATE OF u SKIP LOCKED, this one FOR UPDATE
-- OF u. The service never has two statements for one user in flight (its lanes see to it), so it
-- skips only rows that other transactions hold; 32 pgbench clients on one row would skip instead
-- of update, and the harness' version check would fail.
--
-- Variables (passed by bench/run with -D):
--   :pool                    the pool id
--   :first_user, :last_user  the user index range (1..10000 for random users, 1..1 for one user)
--   :attr                    the attribute the PATCH sets: custom:tier
-- The username format is the one bench/seed.py uses: 'user' + the index in 5 digits.
-- Run with -M prepared (variables become parameters, as in the service). Never write a colon
-- inside a literal here: pgbench takes 'custom:tier' for a reference to a variable named tier.
\set n random(:first_user, :last_user)
\set v random(1, 1000000000)
WITH w AS (SELECT * FROM unnest(ARRAY[:pool]::text[], ARRAY['user' || lpad(:n::text, 5, '0')]::text[], ARRAY[jsonb_build_object(:attr::text, 'gold-' || :v::text)]) AS w(pool_id, username_key, doc)), t AS (SELECT u.pool_id, u.sub, w.doc FROM users u JOIN w ON u.pool_id = w.pool_id AND u.username_key = w.username_key FOR UPDATE OF u) UPDATE users u SET attributes = jsonb_strip_nulls(u.attributes || t.doc), version = u.version + 1, last_modified_at = now() FROM t WHERE u.pool_id = t.pool_id AND u.sub = t.sub AND jsonb_strip_nulls(u.attributes || t.doc) IS DISTINCT FROM u.attributes RETURNING u.pool_id, u.username_key, u.sub, u.username, u.status, u.enabled, u.password_hash, u.attributes, u.pending, u.version, u.created_at, u.last_modified_at, u.signed_out_at;
