package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.UsernameExistsException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.pool.StandardAttributes;
import io.userpools.user.rest.AdminCreateUserRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** AdminCreateUser, AdminGetUser and AdminDeleteUser ([2.7], [2.8]). */
@ApplicationScoped
public class UserService {

    static final Pattern LOOKS_LIKE_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    static final Pattern LOOKS_LIKE_PHONE = Pattern.compile("\\+[0-9]{4,15}");

    private final PoolService pools;
    private final UserRepository users;
    private final AliasRepository aliases;
    private final UserLookup lookup;
    private final Clock clock;

    public UserService(PoolService pools, UserRepository users, AliasRepository aliases, UserLookup lookup,
            Clock clock) {
        this.pools = pools;
        this.users = users;
        this.aliases = aliases;
        this.lookup = lookup;
        this.clock = clock;
    }

    /**
     * AdminCreateUser: a new user in FORCE_CHANGE_PASSWORD with a hashed temporary password. In
     * pools with username attributes the username must be an email or phone number, which becomes
     * that attribute, and the real username is the new {@code sub}.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws UsernameExistsException when the username is taken
     * @throws io.userpools.common.error.AliasExistsException when an identifier is taken
     * @throws InvalidParameterException for invalid attributes
     */
    public Uni<PoolUser> create(String poolId, AdminCreateUserRequest request) {
        return pools.get(poolId).flatMap(pool -> {
            Map<String, String> attributes = new LinkedHashMap<>();
            if (request.attributes() != null) {
                request.attributes().forEach((name, value) -> {
                    if (value != null && !value.isEmpty()) {
                        attributes.put(name, value);
                    }
                });
            }
            UUID sub = UUID.randomUUID();
            String username = usernameFor(pool, request.username(), attributes, sub);
            attributes.put(StandardAttributes.SUB, sub.toString());
            // Without a temporary password nobody can know one until an admin sets it (no
            // invitation is sent yet), so there is nothing to hash: the user cannot sign in.
            Uni<String> passwordHash = request.temporaryPassword() == null ? Uni.createFrom().nullItem()
                    : Passwords.hash(request.temporaryPassword());
            return passwordHash.flatMap(hash -> {
                Instant now = clock.instant();
                PoolUser user = new PoolUser(pool.id(), sub, username, UserStatus.FORCE_CHANGE_PASSWORD, true, hash,
                        attributes, Map.of(), 1, now, now, null);
                return users.pool().withTransaction(sql -> users.insert(sql, user, pool.key(username))
                        .flatMap(inserted -> inserted ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(new UsernameExistsException("User account already exists")))
                        .flatMap(ignored -> addIdentifiers(sql, pool, user))
                        .replaceWith(user));
            });
        });
    }

    private Uni<Void> addIdentifiers(io.vertx.mutiny.sqlclient.SqlClient sql, Pool pool, PoolUser user) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String attribute : UserIdentifiers.of(pool, user.attributes()).keySet()) {
            String value = user.attributes().get(attribute);
            chain = chain.flatMap(v -> aliases.add(sql, pool.id(), attribute, pool.key(value), user.sub()));
        }
        return chain;
    }

    private static String usernameFor(Pool pool, String requested, Map<String, String> attributes, UUID sub) {
        if (pool.hasUsernameAttributes()) {
            String attribute = LOOKS_LIKE_EMAIL.matcher(requested).matches() ? StandardAttributes.EMAIL
                    : LOOKS_LIKE_PHONE.matcher(requested).matches() ? StandardAttributes.PHONE_NUMBER : null;
            if (attribute == null || !pool.isUsernameAttribute(attribute)) {
                throw new InvalidParameterException("Username should be either an email or a phone number.");
            }
            String given = attributes.get(attribute);
            if (given != null && !given.equals(requested)) {
                throw new InvalidParameterException("Username and " + attribute + " attribute must be the same.");
            }
            attributes.put(attribute, requested);
            return sub.toString();
        }
        if (pool.isAliasAttribute(StandardAttributes.EMAIL) && LOOKS_LIKE_EMAIL.matcher(requested).matches()) {
            throw new InvalidParameterException("Username cannot be of email format, since user pool is configured "
                    + "for email alias.");
        }
        if (pool.isAliasAttribute(StandardAttributes.PHONE_NUMBER) && LOOKS_LIKE_PHONE.matcher(requested).matches()) {
            throw new InvalidParameterException("Username cannot be of phone number format, since user pool is "
                    + "configured for phone_number alias.");
        }
        return requested;
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
     * @throws io.userpools.common.error.UserNotFoundException when nothing matches
     */
    public Uni<Void> delete(String poolId, String name) {
        return pools.get(poolId).flatMap(pool -> users.pool().withTransaction(sql ->
                lookup.resolve(sql, pool, name, true).flatMap(user -> users.delete(sql, pool.id(), user.sub()))))
                .replaceWithVoid();
    }
}
