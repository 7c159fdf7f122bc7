package io.userpools.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code event_subscriptions} rows (V13) and what admins see of their deliveries. A new
 * subscription starts at the feed's present: its cursor is the xmin of the inserting statement's
 * snapshot, so it receives every entry of a transaction still running or not yet begun.
 */
@Singleton
public class SubscriptionRepository {

    /** Parked deliveries a subscription shows, oldest first. */
    public static final int PARKED_SHOWN = 100;
    private static final String COLUMNS = "s.pool_id, s.id, s.url, s.event_types, s.created_at, "
            + "(SELECT count(*) FROM event_deliveries d WHERE d.subscription_id = s.id AND NOT d.parked) AS pending";
    private static final String INSERT = "INSERT INTO event_subscriptions (pool_id, id, url, event_types, secret_enc, "
            + "cursor_tx, cursor_id, created_at) SELECT $1, $2, $3, $4, $5, pg_snapshot_xmin(pg_current_snapshot()), "
            + "0, $6 WHERE (SELECT count(*) FROM event_subscriptions WHERE pool_id = $1) < $7";
    private static final String LIST = "SELECT " + COLUMNS + " FROM event_subscriptions s WHERE s.pool_id = $1 "
            + "ORDER BY s.created_at, s.id";
    private static final String GET = "SELECT " + COLUMNS + " FROM event_subscriptions s WHERE s.pool_id = $1 "
            + "AND s.id = $2";
    private static final String PARKED = "SELECT subscription_id, entry_id, sub, version, attempts, last_error, "
            + "next_attempt_at FROM event_deliveries WHERE subscription_id = ANY($1) AND parked "
            + "ORDER BY subscription_id, sub, version LIMIT $2";
    private static final String DELETE = "DELETE FROM event_subscriptions WHERE pool_id = $1 AND id = $2";
    private static final String RETRY = "UPDATE event_deliveries SET parked = FALSE, attempts = 0, next_attempt_at = $3 "
            + "WHERE pool_id = $1 AND subscription_id = $2 AND parked";

    private final Pool sql;

    public SubscriptionRepository(Pool sql) {
        this.sql = sql;
    }

    /** Inserts a subscription unless the pool has {@code max} already; answers whether it did. */
    public Uni<Boolean> insert(String poolId, String id, String url, List<String> events, byte[] sealedSecret,
            Instant now, int max) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(List.of(poolId, id, url, events.toArray(String[]::new),
                        io.vertx.core.buffer.Buffer.buffer(sealedSecret), now.atOffset(ZoneOffset.UTC), max)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The pool's subscriptions, oldest first. */
    public Uni<List<Subscription>> list(String poolId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(poolId)).flatMap(this::withParked);
    }

    /** One subscription of the pool. */
    public Uni<Optional<Subscription>> get(String poolId, String id) {
        return sql.preparedQuery(GET).execute(Tuple.of(poolId, id)).flatMap(this::withParked)
                .map(found -> found.stream().findFirst());
    }

    /** Removes a subscription with its deliveries; answers whether there was one. */
    public Uni<Boolean> delete(String poolId, String id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(poolId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Makes every parked delivery of the subscription due again with fresh attempts; answers how many. */
    public Uni<Integer> retryParked(String poolId, String id, Instant now) {
        return sql.preparedQuery(RETRY).execute(Tuple.of(poolId, id, now.atOffset(ZoneOffset.UTC)))
                .map(RowSet::rowCount);
    }

    private Uni<List<Subscription>> withParked(RowSet<Row> rows) {
        List<Row> found = new ArrayList<>();
        rows.forEach(found::add);
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ids = found.stream().map(row -> row.getString("id")).toArray(String[]::new);
        return sql.preparedQuery(PARKED).execute(Tuple.of(ids, PARKED_SHOWN * ids.length)).map(parkedRows -> {
            List<Subscription> subscriptions = new ArrayList<>();
            for (Row row : found) {
                List<Subscription.Parked> parked = new ArrayList<>();
                for (Row p : parkedRows) {
                    if (p.getString("subscription_id").equals(row.getString("id")) && parked.size() < PARKED_SHOWN) {
                        parked.add(new Subscription.Parked(ChangeEvent.id(p.getLong("entry_id")),
                                p.getUUID("sub").toString(), p.getLong("version"), p.getInteger("attempts"),
                                p.getString("last_error"), p.getOffsetDateTime("next_attempt_at").toInstant()));
                    }
                }
                subscriptions.add(new Subscription(row.getString("pool_id"), row.getString("id"), row.getString("url"),
                        Arrays.asList(row.getArrayOfStrings("event_types")),
                        row.getOffsetDateTime("created_at").toInstant(), row.getLong("pending"), List.copyOf(parked)));
            }
            return subscriptions;
        });
    }
}
