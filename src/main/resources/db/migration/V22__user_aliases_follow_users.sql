-- The bulk import's cost (issue 17). The foreign key user_aliases (pool_id, sub) -> users checked
-- every new identifier by locking its user's row (SELECT ... FOR KEY SHARE): a write to the user's
-- heap page and a WAL record per identifier, about 12 µs of PostgreSQL's time per imported user
-- on this machine (a fifth of it), for rows the same transaction had just inserted.
--
-- What the key guaranteed is kept by other means:
-- * An identifier is only ever written by the service, in a transaction that inserted its user
--   (AdminCreateUser, SignUp, the import) or holds its user's row locked (UserWriter.apply): it
--   cannot point at a user that does not exist when it commits.
-- * Deleting users deletes their identifiers: the trigger below, as ON DELETE CASCADE did, also
--   when a pool's deletion cascades to its users. It runs once per statement, after it, with the
--   deleted rows as a transition table; its DELETE takes its own snapshot, so an identifier
--   committed by a writer the deletion waited for is seen and deleted too.
ALTER TABLE user_aliases DROP CONSTRAINT user_aliases_pool_id_sub_fkey;

CREATE FUNCTION user_aliases_of_deleted_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM user_aliases a USING deleted_users d WHERE a.pool_id = d.pool_id AND a.sub = d.sub;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_delete_aliases AFTER DELETE ON users REFERENCING OLD TABLE AS deleted_users
    FOR EACH STATEMENT EXECUTE FUNCTION user_aliases_of_deleted_users();
