package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.AliasExistsException;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.UsernameExistsException;
import io.userpools.attribute.AttributePolicy;
import io.userpools.pool.PoolService;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** AdminCreateUser, AdminGetUser and AdminDeleteUser ([2.7], [2.8]). */
@Singleton
public class UserService {

    private final PoolService pools;
    private final UserRepository users;
    private final UserWriter writer;
    private final UserLookup lookup;
    private final Clock clock;

    public UserService(PoolService pools, UserRepository users, UserWriter writer, UserLookup lookup,
            Clock clock) {
        this.pools = pools;
        this.users = users;
        this.writer = writer;
        this.lookup = lookup;
        this.clock = clock;
    }

    /**
     * AdminCreateUser: a new user in FORCE_CHANGE_PASSWORD with a bcrypt-hashed temporary password
     * (the given one, checked against the pool's policy, or a generated one). In pools with
     * username attributes the username must be an email or phone number, which becomes that
     * attribute, and the real username is the new {@code sub}. Sign-in identifiers are recorded;
     * with {@code forceAliasCreation} a verified alias of an alias pool moves from its holder, who
     * keeps the value unverified. Every check runs before anything is written.
     * {@code clientMetadata} is never stored or logged.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws InvalidParameterException for an invalid username or attributes
     * @throws io.userpools.common.error.InvalidPasswordException when the temporary password breaks the policy
     * @throws UsernameExistsException when the username (or, in a username-attribute pool, the
     *                                 email or phone number) is taken
     * @throws AliasExistsException when a verified alias is taken and not forced
     */
    public Uni<PoolUser> create(String poolId, CreateUserCommand request) {
        return pools.get(poolId).flatMap(pool -> {
            NewUsers.Draft draft = NewUsers.draft(pool, request, UUID.randomUUID());
            Uni<String> passwordHash = draft.password() == null ? Uni.createFrom().nullItem()
                    : Passwords.hash(draft.password());
            return passwordHash.flatMap(hash -> {
                Instant now = clock.instant();
                PoolUser user = new PoolUser(pool.id(), draft.sub(), draft.username(), UserStatus.FORCE_CHANGE_PASSWORD,
                        true, hash, draft.attributes(), Map.of(), 1, now, now, null);
                UserChange change = AttributePolicy.planCreate(pool, user.status(), user.attributes(),
                        Boolean.TRUE.equals(request.forceAliasCreation()));
                return users.pool().withTransaction(sql -> writer.create(sql, pool, user, change, now));
            });
        });
    }

    /**
     * AdminGetUser: the user that the name designates (username, sub or alias).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches
     */
    public Uni<PoolUser> get(String poolId, String name) {
        return pools.get(poolId).flatMap(pool -> lookup.resolve(users.pool(), pool, name, false));
    }

    /**
     * AdminDeleteUser: removes the user with its identifiers, codes and sessions.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches
     */
    public Uni<Void> delete(String poolId, String name) {
        return pools.get(poolId).flatMap(pool -> users.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, name, true).flatMap(user -> users.delete(sql, pool.id(), user.sub()))))
                .replaceWithVoid();
    }
}
