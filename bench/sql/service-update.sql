-- pgbench script (a): the statement the service issues for one
-- PATCH /pools/{poolId}/users/{username}/attributes that sets a custom attribute, in the same
-- shape. KEEP IN SYNC with UserRepository.MERGE (the fast path of AttributeService: requests
-- that touch no email, phone, flag or identifier attribute are one UPDATE, validated against the
-- schema beforehand; anything else takes the locked read-plan-write transaction).
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
UPDATE users SET attributes = (attributes || jsonb_build_object(:attr::text, 'gold-' || :v::text)) - ARRAY[]::text[], version = version + 1, last_modified_at = now() WHERE pool_id = :pool AND username_key = 'user' || lpad(:n::text, 5, '0') AND (attributes || jsonb_build_object(:attr::text, 'gold-' || :v::text)) - ARRAY[]::text[] IS DISTINCT FROM attributes RETURNING sub, username, status, enabled, password_hash, attributes, pending, version, created_at, last_modified_at, signed_out_at;
