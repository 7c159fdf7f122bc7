package io.userpools.messaging;

import io.smallrye.mutiny.Uni;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Queues a message in the caller's transaction: it is sent only if that transaction commits, and
 * it survives a crash between commit and send. Call {@link OutboxDispatcher#nudge()} after the
 * commit to send it at once.
 */
@Singleton
public class OutboxWriter {

    private static final String INSERT = "INSERT INTO outbox (pool_id, channel, payload_enc, created_at, "
            + "next_attempt_at, attempts) VALUES ($1, $2, $3, $4, $4, 0)";

    private final OutboxCrypto crypto;
    private final Clock clock;

    public OutboxWriter(OutboxCrypto crypto, Clock clock) {
        this.crypto = crypto;
        this.clock = clock;
    }

    /**
     * Inserts the encrypted message on {@code sql} (a connection in a transaction).
     */
    public Uni<Void> write(SqlClient sql, String poolId, DeliveryMedium channel, OutboxMessage message) {
        byte[] sealed = crypto.seal(poolId, channel, message);
        return sql.preparedQuery(INSERT)
                .execute(Tuple.tuple().addString(poolId).addString(channel.name())
                        .addBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(sealed))
                        .addOffsetDateTime(clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
