-- ListUsers: prefix search on the case-folded username of pools with case-insensitive usernames
-- (username ^= "..."). username_key never changes, so this index costs nothing on updates.
CREATE INDEX users_username_key_search ON users (pool_id, username_key text_pattern_ops);
