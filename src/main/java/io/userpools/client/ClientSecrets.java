package io.userpools.client;

import io.smallrye.mutiny.Uni;
import io.userpools.common.Reseal;
import io.userpools.common.SecretBox;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Client secrets after a key rotation: a secret that an older key-encryption key sealed is sealed
 * again under the current one when its client is loaded, and by {@link Reseal} after start-up.
 * Each row is replaced only if it still holds what was read.
 */
@Singleton
public class ClientSecrets implements Reseal.Participant {

    private static final Logger LOG = Logger.getLogger(ClientSecrets.class);
    private static final String RESEAL = "UPDATE app_clients SET secret_hash = $1 WHERE client_id = $2 "
            + "AND secret_hash = $3";
    private static final Reseal.SealedColumn COLUMN = new Reseal.SealedColumn("client secrets", "app_clients",
            List.of("client_id"), List.of(), "secret_hash");

    private final Pool sql;
    private final SecretBox box;

    public ClientSecrets(Pool sql, SecretBox box) {
        this.sql = sql;
        this.box = box;
    }

    /** Seals the client's secret again under the current key when an old key sealed it; a failure only logs. */
    Uni<Void> resealIfStale(Client client) {
        if (!client.hasSecret() || box.ring().isCurrent(client.sealedSecret())) {
            return Uni.createFrom().voidItem();
        }
        byte[] resealed = box.reseal(client.sealedSecret(), ClientService.context(client.clientId()));
        if (resealed == null) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery(RESEAL).execute(Tuple.of(Buffer.buffer(resealed), client.clientId(),
                Buffer.buffer(client.sealedSecret()))).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("re-sealing the secret of client %s failed: %s", client.clientId(),
                            failure.getClass().getSimpleName());
                    return null;
                });
    }

    /** Every client secret that an old key-encryption key sealed, sealed again under the current one. */
    @Override
    public Uni<Reseal.Report> resealOld() {
        return Reseal.column(sql, box.ring(), COLUMN, row -> box.reseal(row.getBuffer("secret_hash").getBytes(),
                ClientService.context(row.getString("client_id"))));
    }
}
