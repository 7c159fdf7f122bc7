package io.userpools.messaging;

import io.smallrye.mutiny.Uni;
import io.userpools.common.Reseal;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Queued messages after a rotation of the outbox key: payloads that an older key sealed are sealed
 * again under the current one (the dispatcher opens either meanwhile), so that the old key can go.
 */
@Singleton
public class OutboxReseal implements Reseal.Participant {

    private static final Reseal.SealedColumn COLUMN = new Reseal.SealedColumn("queued messages", "outbox",
            List.of("id"), List.of("pool_id", "channel"), "payload_enc");

    private final Pool sql;
    private final OutboxCrypto crypto;

    public OutboxReseal(Pool sql, OutboxCrypto crypto) {
        this.sql = sql;
        this.crypto = crypto;
    }

    @Override
    public Uni<Reseal.Report> resealOld() {
        return Reseal.column(sql, crypto.ring(), COLUMN, row -> crypto.reseal(row.getString("pool_id"),
                DeliveryMedium.valueOf(row.getString("channel")), row.getBuffer("payload_enc").getBytes()));
    }
}
