package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.pool.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Resolves the {@code {username}} of an admin path: the exact username first, then the
 * {@code sub}, then an alias ([2.1]).
 */
@Singleton
public class UserLookup {

    private final UserRepository users;

    public UserLookup(UserRepository users) {
        this.users = users;
    }

    /**
     * The user this name designates, locked for update when {@code lock} is set.
     *
     * @throws UserNotFoundException when nothing matches
     */
    public Uni<PoolUser> resolve(SqlClient sql, Pool pool, String name, boolean lock) {
        if (name.indexOf('\0') >= 0) {
            return Uni.createFrom().failure(notFound()); // PostgreSQL text can't hold NUL: nobody has it
        }
        return users.findByUsernameKey(sql, pool.id(), pool.key(name), lock)
                .flatMap(user -> user != null ? Uni.createFrom().item(user) : bySubOrAlias(sql, pool, name, lock))
                .onItem().ifNull().failWith(UserLookup::notFound);
    }

    private Uni<PoolUser> bySubOrAlias(SqlClient sql, Pool pool, String name, boolean lock) {
        UUID sub = parseUuid(name);
        Uni<PoolUser> bySub = sub == null ? Uni.createFrom().nullItem() : users.findBySub(sql, pool.id(), sub, lock);
        return bySub.flatMap(user -> {
            if (user != null) {
                return Uni.createFrom().item(user);
            }
            return users.findByAliasKey(sql, pool.id(), pool.key(name)).flatMap(aliased ->
                    aliased == null || !lock ? Uni.createFrom().item(aliased)
                            : users.findBySub(sql, pool.id(), aliased.sub(), true));
        });
    }

    public static UserNotFoundException notFound() {
        return new UserNotFoundException("User does not exist.");
    }

    /** The UUID this text spells exactly, or null. */
    public static UUID parseUuid(String value) {
        if (value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
