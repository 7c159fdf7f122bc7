package io.userpools.messaging;

import io.smallrye.mutiny.Uni;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox queue. Claiming moves due rows' {@code next_attempt_at} past a lease in one statement
 * ({@code FOR UPDATE SKIP LOCKED}), so several dispatchers never send the same row at once and no
 * transaction stays open while a message travels; a dispatcher that dies mid-send leaves the row
 * to be claimed again when the lease ends.
 */
@Singleton
public class OutboxRepository {

    private static final String CLAIM = "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1 "
            + "WHERE id IN (SELECT id FROM outbox WHERE next_attempt_at <= $1 ORDER BY next_attempt_at "
            + "LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id, pool_id, channel, payload_enc, attempts";
    private static final String DELETE = "DELETE FROM outbox WHERE id = $1";
    private static final String COUNT = "SELECT count(*) FROM outbox";
    private static final String RETRY = "UPDATE outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1";

    /** A claimed row. */
    public record Claimed(long id, String poolId, DeliveryMedium channel, byte[] payload, int attempts) {
    }

    private final Pool client;

    public OutboxRepository(Pool client) {
        this.client = client;
    }

    /** Claims up to {@code limit} rows due at {@code now} for the length of {@code lease}. */
    public Uni<List<Claimed>> claim(Instant now, Duration lease, int limit) {
        return client.preparedQuery(CLAIM)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), now.plus(lease).atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getLong("id"), row.getString("pool_id"),
                                DeliveryMedium.valueOf(row.getString("channel")),
                                row.getBuffer("payload_enc").getBytes(), row.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    /** The messages queued, due or not, by every replica. */
    public Uni<Long> count() {
        return client.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Removes a sent (or abandoned) row. */
    public Uni<Void> delete(long id) {
        return client.preparedQuery(DELETE).execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Schedules another attempt; {@code error} must never contain the message. */
    public Uni<Void> retryAt(long id, Instant next, String error) {
        return client.preparedQuery(RETRY).execute(Tuple.of(id, next.atOffset(ZoneOffset.UTC), error))
                .replaceWithVoid();
    }
}
