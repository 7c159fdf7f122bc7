package io.userpools.history;

import io.smallrye.mutiny.Uni;
import io.userpools.common.PaginationTokens;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.pool.PoolService;
import io.userpools.user.UserListing;
import io.userpools.user.UserLookup;
import io.userpools.user.UserRepository;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** The change history of one user, for administrators (issue 16). */
@Singleton
public class HistoryService {

    /** One page, newest first; {@code paginationToken} is null on the last page. */
    public record Page(List<HistoryRepository.StoredEntry> entries, String paginationToken) {
    }

    private final PoolService pools;
    private final UserLookup lookup;
    private final UserRepository users;
    private final HistoryRepository history;
    private final PaginationTokens tokens;

    public HistoryService(PoolService pools, UserLookup lookup, UserRepository users, HistoryRepository history,
            PaginationTokens tokens) {
        this.pools = pools;
        this.lookup = lookup;
        this.users = users;
        this.history = history;
        this.tokens = tokens;
    }

    /**
     * The entries of the user that {@code name} designates (username, sub or alias, [2.1]), or,
     * once the user is deleted, of the user whose {@code sub} it is; newest first, {@code limit}
     * (0 to 60 as text, 0 or absent: 60) per page. Tokens are sealed, expire after an hour and are
     * good only for this user's history ({@link PaginationTokens#history}).
     *
     * @throws io.userpools.common.error.ResourceNotFoundException for an unknown pool
     * @throws UserNotFoundException     when no user matches and no entry has that sub
     * @throws InvalidParameterException for a bad limit, or a bad, expired or foreign token
     */
    public Uni<Page> ofUser(String poolId, String name, String limit, String token) {
        int size = UserListing.parseLimit(limit);
        return pools.get(poolId).flatMap(pool -> lookup.resolve(users.pool(), pool, name, false)
                .map(user -> new Target(user.sub(), true))
                .onFailure(UserNotFoundException.class).recoverWithUni(missing -> {
                    UUID sub = UserLookup.parseUuid(name);
                    return sub == null ? Uni.createFrom().failure(missing) : Uni.createFrom().item(new Target(sub, false));
                })
                .flatMap(target -> {
                    UUID sub = target.sub();
                    String listing = PaginationTokens.history(pool.id(), sub);
                    Long before = token == null ? null : position(listing, token);
                    return history.ofUser(pool.id(), sub, before, size + 1).map(rows -> {
                        if (rows.isEmpty() && token == null && !target.live()) {
                            throw UserLookup.notFound(); // a sub of nobody, with nothing recorded
                        }
                        List<HistoryRepository.StoredEntry> page = List.copyOf(rows.subList(0,
                                Math.min(size, rows.size())));
                        return new Page(page, tokens.after(listing, page, rows.size(),
                                entry -> Long.toString(entry.id())));
                    });
                }));
    }

    /** Whose history: a sub, and whether a user has it now. */
    private record Target(UUID sub, boolean live) {
    }

    private Long position(String listing, String token) {
        try {
            return Long.parseLong(tokens.position(listing, token));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(PaginationTokens.INVALID);
        }
    }
}
