package io.userpools.ratelimit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A pool's rate-limit overrides (table {@code pool_rate_limits}), on the reactive client. */
@Singleton
public class PoolRateLimitRepository {

    private static final String SELECT = "SELECT category, per_second FROM pool_rate_limits WHERE pool_id = $1";
    private static final String DELETE = "DELETE FROM pool_rate_limits WHERE pool_id = $1";
    private static final String INSERT = "INSERT INTO pool_rate_limits (pool_id, category, per_second) VALUES ($1, $2, $3)";

    private final Pool client;

    public PoolRateLimitRepository(Pool client) {
        this.client = client;
    }

    /** The pool's overrides; empty when it has none (or does not exist). */
    public Uni<Map<QuotaCategory, Integer>> find(String poolId) {
        return client.preparedQuery(SELECT).execute(Tuple.of(poolId)).map(rows -> {
            Map<QuotaCategory, Integer> limits = new EnumMap<>(QuotaCategory.class);
            for (Row row : rows) {
                limits.put(QuotaCategory.valueOf(row.getString("category")), row.getInteger("per_second"));
            }
            return limits;
        });
    }

    /** Replaces the pool's overrides with these, in one transaction. */
    public Uni<Void> replace(String poolId, Map<QuotaCategory, Integer> limits) {
        List<Tuple> rows = new ArrayList<>();
        limits.forEach((category, perSecond) -> rows.add(Tuple.of(poolId, category.name(), perSecond)));
        return client.withTransaction(sql -> sql.preparedQuery(DELETE).execute(Tuple.of(poolId))
                .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem()
                        : sql.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid()));
    }
}
