package io.userpools.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The delivery queue of the subscriptions (V13 {@code event_deliveries}). Fan-out moves a
 * subscription's cursor and inserts its deliveries in one transaction under the subscription's
 * row lock ({@code FOR UPDATE SKIP LOCKED}: one dispatcher per subscription at a time). Claiming
 * takes due deliveries that head their user's queue: no earlier delivery of the same user for the
 * same subscription is left (due, in flight or parked), and no earlier change of the user has yet
 * to reach the subscription's cursor (the feed may show a user's later change first when an older
 * transaction wrote the earlier one; see {@link EventFeed}). A claim moves the delivery's next
 * attempt past a lease, so a replica that dies mid-send leaves it to be sent again.
 */
@Singleton
public class DeliveryRepository {

    private static final String LOCK = "SELECT pool_id, id, event_types, cursor_tx::text AS cursor_tx, cursor_id "
            + "FROM event_subscriptions WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED";
    private static final String INSERT = "INSERT INTO event_deliveries (pool_id, subscription_id, entry_id, sub, "
            + "version, next_attempt_at, created_at) SELECT $1, $2, t.e, t.s, t.v, $6, $6 "
            + "FROM unnest($3::bigint[], $4::uuid[], $5::bigint[]) AS t(e, s, v) ON CONFLICT DO NOTHING";
    private static final String MOVE = "UPDATE event_subscriptions SET cursor_tx = $3::text::xid8, cursor_id = $4 "
            + "WHERE pool_id = $1 AND id = $2";
    private static final String CLAIM = "UPDATE event_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2 "
            + "FROM event_subscriptions s WHERE s.id = d.subscription_id AND (d.subscription_id, d.entry_id) IN ("
            + "SELECT c.subscription_id, c.entry_id FROM event_deliveries c "
            + "JOIN event_subscriptions cs ON cs.id = c.subscription_id "
            + "WHERE NOT c.parked AND c.next_attempt_at <= $1 "
            + "AND NOT EXISTS (SELECT 1 FROM event_deliveries e WHERE e.subscription_id = c.subscription_id "
            + "AND e.sub = c.sub AND e.version < c.version) "
            + "AND NOT EXISTS (SELECT 1 FROM user_history h WHERE h.pool_id = c.pool_id AND h.sub = c.sub "
            + "AND h.id < c.entry_id AND (h.tx, h.id) > (cs.cursor_tx, cs.cursor_id)) "
            + "ORDER BY c.next_attempt_at LIMIT $3 FOR UPDATE OF c SKIP LOCKED) "
            + "RETURNING d.pool_id, d.subscription_id, d.entry_id, d.attempts, s.url, s.secret_enc";
    private static final String COUNT = "SELECT count(*) FILTER (WHERE NOT parked) AS pending, "
            + "count(*) FILTER (WHERE parked) AS parked FROM event_deliveries";
    private static final String DELETE = "DELETE FROM event_deliveries WHERE subscription_id = $1 AND entry_id = $2 "
            + "AND attempts = $3";
    private static final String RETRY = "UPDATE event_deliveries SET next_attempt_at = $4, last_error = $5 "
            + "WHERE subscription_id = $1 AND entry_id = $2 AND attempts = $3";
    private static final String PARK = "UPDATE event_deliveries SET parked = TRUE, next_attempt_at = $4, "
            + "last_error = $5 WHERE subscription_id = $1 AND entry_id = $2 AND attempts = $3";

    /** A subscription locked for fan-out. */
    public record Locked(String poolId, String id, List<String> types, FeedCursor cursor) {
    }

    /** A claimed delivery with what sending it needs. */
    public record Claimed(String poolId, String subscriptionId, long entryId, int attempts, String url,
            byte[] sealedSecret) {
    }

    /** The deliveries of every pool: waiting to be sent (due, retrying or in flight), and parked. */
    public record Counts(long pending, long parked) {
    }

    private final Pool sql;

    public DeliveryRepository(Pool sql) {
        this.sql = sql;
    }

    /** Locks up to {@code limit} subscriptions with ids after {@code after} that no one else holds. */
    public Uni<List<Locked>> lock(SqlClient tx, String after, int limit) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(after, limit)).map(rows -> {
            List<Locked> locked = new ArrayList<>();
            for (Row row : rows) {
                String poolId = row.getString("pool_id");
                locked.add(new Locked(poolId, row.getString("id"), List.of(row.getArrayOfStrings("event_types")),
                        new FeedCursor(poolId, row.getString("cursor_tx"), row.getLong("cursor_id"))));
            }
            return locked;
        });
    }

    /** Queues the events for the subscription and moves its cursor to {@code next}, in {@code tx}. */
    public Uni<Void> fanOut(SqlClient tx, Locked subscription, List<ChangeEvent> events, FeedCursor next,
            Instant now) {
        Uni<Void> insert = Uni.createFrom().voidItem();
        if (!events.isEmpty()) {
            Long[] entries = events.stream().map(EventFeed::entryId).toArray(Long[]::new);
            UUID[] subs = events.stream().map(e -> UUID.fromString(e.user().sub())).toArray(UUID[]::new);
            Long[] versions = events.stream().map(ChangeEvent::version).toArray(Long[]::new);
            insert = tx.preparedQuery(INSERT).execute(Tuple.of(subscription.poolId(), subscription.id(), entries, subs,
                    versions, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
        }
        return insert.chain(() -> tx.preparedQuery(MOVE)
                .execute(Tuple.of(subscription.poolId(), subscription.id(), next.tx(), next.id())))
                .replaceWithVoid();
    }

    /** Claims up to {@code limit} deliveries due at {@code now} for the length of {@code lease}. */
    public Uni<List<Claimed>> claim(Instant now, Duration lease, int limit) {
        return sql.preparedQuery(CLAIM).execute(Tuple.of(now.atOffset(ZoneOffset.UTC),
                now.plus(lease).atOffset(ZoneOffset.UTC), limit)).map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getString("pool_id"), row.getString("subscription_id"),
                                row.getLong("entry_id"), row.getInteger("attempts"), row.getString("url"),
                                row.getBuffer("secret_enc").getBytes()));
                    }
                    return claimed;
                });
    }

    /** Removes a delivery the subscriber acknowledged, if this claim still holds it. */
    public Uni<Void> acknowledge(Claimed delivery) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(delivery.subscriptionId(), delivery.entryId(),
                delivery.attempts())).replaceWithVoid();
    }

    /** Schedules another attempt; {@code error} never holds the event. */
    public Uni<Void> retryAt(Claimed delivery, Instant next, String error) {
        return sql.preparedQuery(RETRY).execute(Tuple.of(delivery.subscriptionId(), delivery.entryId(),
                delivery.attempts(), next.atOffset(ZoneOffset.UTC), error)).replaceWithVoid();
    }

    /** Parks a delivery after its last attempt. */
    public Uni<Void> park(Claimed delivery, Instant now, String error) {
        return sql.preparedQuery(PARK).execute(Tuple.of(delivery.subscriptionId(), delivery.entryId(),
                delivery.attempts(), now.atOffset(ZoneOffset.UTC), error)).replaceWithVoid();
    }

    /** Counts the deliveries of all pools (one scan of the queue, which acknowledged deliveries leave). */
    public Uni<Counts> count() {
        return sql.query(COUNT).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Counts(row.getLong("pending"), row.getLong("parked"));
        });
    }

    /** Drops a delivery whose history entry is gone (retention). */
    public Uni<Void> drop(Claimed delivery) {
        return acknowledge(delivery);
    }
}
