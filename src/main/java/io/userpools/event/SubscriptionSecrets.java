package io.userpools.event;

import io.smallrye.mutiny.Uni;
import io.userpools.common.Reseal;
import io.userpools.common.SecretBox;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Event subscription secrets after a rotation of the key-encryption key: a secret that an older
 * key sealed is sealed again under the current one (the dispatcher opens either meanwhile), so
 * that the old key can go.
 */
@Singleton
public class SubscriptionSecrets implements Reseal.Participant {

    private static final Reseal.SealedColumn COLUMN = new Reseal.SealedColumn("event subscription secrets",
            "event_subscriptions", List.of("pool_id", "id"), List.of(), "secret_enc");

    private final Pool sql;
    private final SecretBox box;

    public SubscriptionSecrets(Pool sql, SecretBox box) {
        this.sql = sql;
        this.box = box;
    }

    @Override
    public Uni<Reseal.Report> resealOld() {
        return Reseal.column(sql, box.ring(), COLUMN, row -> box.reseal(row.getBuffer("secret_enc").getBytes(),
                SubscriptionService.context(row.getString("id"))));
    }
}
