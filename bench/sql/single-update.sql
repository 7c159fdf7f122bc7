-- pgbench script (b): the floor of what one attribute update can cost - one single-statement
-- UPDATE of the same row (autocommit, one round trip), changing the same columns as the service.
-- Variables and the rules (-M prepared, no colon in literals) as in service-update.sql.
\set n random(:first_user, :last_user)
\set v random(1, 1000000000)
UPDATE users SET attributes = jsonb_set(attributes, ARRAY[:attr::text], to_jsonb('gold-' || :v::text)), version = version + 1, last_modified_at = now() WHERE pool_id = :pool AND username_key = 'user' || lpad(:n::text, 5, '0');
