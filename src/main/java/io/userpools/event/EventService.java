package io.userpools.event;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.PoolService;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** A pool's change events as a feed a consumer polls ({@link EventFeed}). */
@Singleton
public class EventService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final PoolService pools;
    private final EventFeed feed;
    private final Pool sql;

    public EventService(PoolService pools, EventFeed feed, Pool sql) {
        this.pools = pools;
        this.feed = feed;
        this.sql = sql;
    }

    /**
     * The pool's events strictly after {@code after} (the start when null), at most {@code limit}
     * (1 to 1000 as text; absent or empty means 100), in commit order, and the cursor to ask for the next.
     *
     * @throws io.userpools.common.error.ResourceNotFoundException when no such pool exists
     * @throws InvalidParameterException                          for a bad limit or cursor
     */
    public Uni<EventFeed.Page> events(String poolId, String after, String limit) {
        return pools.get(poolId).chain(pool -> {
            int size = parseLimit(limit);
            return feed.page(sql, FeedCursor.parse(pool.id(), after), size);
        });
    }

    static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw InvalidParameterException.detectedValue(shown(limit), "limit", "Member must be an integer");
        }
        if (value < 1) {
            throw InvalidParameterException.detectedValue(value, "limit", RequestConstraints.minValue(1));
        }
        if (value > MAX_LIMIT) {
            throw InvalidParameterException.detectedValue(value, "limit", RequestConstraints.maxValue(MAX_LIMIT));
        }
        return value;
    }

    /** A bad value as the message quotes it: cut, so that a huge parameter is never echoed whole. */
    private static String shown(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }
}
