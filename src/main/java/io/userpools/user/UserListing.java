package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.PaginationTokens;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.PoolService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** ListUsers ([2.9]): filtered, keyset-paginated pages of a pool's users. */
@Singleton
public class UserListing {

    public static final int MAX_LIMIT = 60;

    /** One page; {@code paginationToken} is null on the last page. */
    public record Page(List<PoolUser> users, String paginationToken) {
    }

    private final PoolService pools;
    private final UserRepository users;
    private final PaginationTokens tokens;

    public UserListing(PoolService pools, UserRepository users, PaginationTokens tokens) {
        this.pools = pools;
        this.users = users;
        this.tokens = tokens;
    }

    /**
     * ListUsers: the users matching the filter, in a stable order ({@code sub}), at most
     * {@code limit} per page. Tokens name the last user of the previous page, so a chain never
     * repeats a user; they are sealed, bound to the pool and expire after an hour
     * ({@link PaginationTokens}).
     *
     * @param filter the Cognito filter expression, or null/blank for every user
     * @param limit  0 to 60 as text; null, blank or [D] 0 mean the default 60 (a zero-size page
     *               without a token would wrongly say that the listing is over)
     * @param token  the previous page's {@code paginationToken}, or null
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws InvalidParameterException for a bad filter or limit, or a bad or expired token
     */
    public Uni<Page> list(String poolId, String filter, String limit, String token) {
        UserFilter parsed = UserFilter.parse(filter).orElse(null);
        int size = parseLimit(limit);
        UUID after = token == null ? null : UUID.fromString(tokens.position(PaginationTokens.users(poolId), token));
        return pools.get(poolId).flatMap(pool -> {
            ListUsersQuery query = ListUsersQuery.build(pool, parsed, after, size + 1);
            return users.list(users.pool(), pool.id(), query);
        }).map(rows -> {
            List<PoolUser> page = List.copyOf(rows.subList(0, Math.min(size, rows.size())));
            return new Page(page, tokens.after(PaginationTokens.users(poolId), page, rows.size(),
                    user -> user.sub().toString()));
        });
    }

    /** The page size of a listing's {@code limit} (see {@link #list}). */
    public static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return MAX_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw limitError(limit, "Member must be an integer");
        }
        if (value < 0) {
            throw limitError(limit, RequestConstraints.minValue(0));
        }
        if (value > MAX_LIMIT) {
            throw limitError(limit, RequestConstraints.maxValue(MAX_LIMIT));
        }
        return value == 0 ? MAX_LIMIT : value;
    }

    private static InvalidParameterException limitError(String limit, String constraint) {
        return InvalidParameterException.detectedValue(limit, "limit", constraint);
    }
}
