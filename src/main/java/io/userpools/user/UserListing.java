package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.PaginationTokens;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.Pool;
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
     * ListUsers: the users matching the filter, in a stable order ({@code sub}, or under an
     * {@code =} or {@code ^=} filter on a text attribute that attribute and then {@code sub}:
     * {@link ListUsersQuery}), at most {@code limit} per page. Tokens name the last user of the
     * previous page (its {@code sub}, and its value of the ordering attribute with the attribute's
     * column), so a chain never repeats a user; they are sealed, bound to the pool and expire after
     * an hour ({@link PaginationTokens}). A token of a listing ordered by one column is invalid
     * under a filter ordered by another (or by {@code sub}).
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
        ListUsersQuery.After after = token == null ? null
                : after(tokens.position(PaginationTokens.users(poolId), token), parsed);
        return pools.get(poolId).flatMap(pool -> {
            ListUsersQuery query = ListUsersQuery.build(pool, parsed, after, size + 1);
            return users.list(users.pool(), pool.id(), query).map(rows -> {
                List<PoolUser> page = List.copyOf(rows.subList(0, Math.min(size, rows.size())));
                return new Page(page, tokens.after(PaginationTokens.users(poolId), page, rows.size(),
                        user -> position(pool, query.orderedBy(), user)));
            });
        });
    }

    /**
     * A token's position: {@code <sub>} in {@code sub} order, {@code <column>|<sub>|<key>} in a
     * listing ordered by a column (the key last: it may hold any character).
     */
    private static String position(Pool pool, String column, PoolUser user) {
        return column == null ? user.sub().toString()
                : column + "|" + user.sub() + "|" + ListUsersQuery.key(pool, user, column);
    }

    /** The start of the next page from a token's position (sealed: written by {@link #position}). */
    private static ListUsersQuery.After after(String position, UserFilter filter) {
        String[] parts = position.split("\\|", 3);
        if (parts.length == 1) {
            return ListUsersQuery.After.sub(UUID.fromString(parts[0]));
        }
        if (parts.length != 3 || !parts[0].equals(ListUsersQuery.orderColumn(filter))) {
            // a token of a listing in another order: its position means nothing here
            throw new InvalidParameterException(PaginationTokens.INVALID);
        }
        return new ListUsersQuery.After(UUID.fromString(parts[1]), parts[0], parts[2]);
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
