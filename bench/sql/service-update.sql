-- pgbench script (a): the statements the service issues for one
-- PATCH /pools/{poolId}/users/{username}/attributes, in the same order and shape.
-- KEEP IN SYNC with the service's hot path (the lead owns this file's content).
--
-- Variables (passed by bench/run with -D):
--   :pool                    the pool id
--   :first_user, :last_user  the user index range (1..10000 for random users, 1..1 for one user)
--   :attr                    the attribute the PATCH sets: custom:tier
-- The username format is the one bench/seed.py uses: 'user' + the index in 5 digits.
-- Run with -M prepared (variables become parameters, as in the service). Never write a colon
-- inside a literal here: pgbench takes 'custom:tier' for a reference to a variable named tier.
--
-- The service reads the row, merges the new attribute in Java and sends the whole new
-- attribute document back as one parameter (:newattrs in the service's plan). pgbench cannot
-- merge JSON itself, so the UPDATE below sends the document it read (\gset -> :attributes) back
-- as a parameter and merges the one changed key in SQL; the wire traffic and the row change are
-- the same as the service's.
\set n random(:first_user, :last_user)
\set v random(1, 1000000000)
BEGIN;
SELECT sub, username, status, enabled, attributes, pending, version, created_at, last_modified_at FROM users WHERE pool_id = :pool AND username_key = 'user' || lpad(:n::text, 5, '0') FOR UPDATE \gset
UPDATE users SET attributes = (:attributes::jsonb || jsonb_build_object(:attr::text, 'gold-' || :v::text)), version = version + 1, last_modified_at = now() WHERE pool_id = :pool AND sub = :sub RETURNING version, last_modified_at;
COMMIT;
