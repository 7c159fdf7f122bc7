package io.userpools.common;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the reactive pool (used by Hibernate Reactive and the repositories alike) from Quarkus'
 * datasource settings, adding the fail-fast timeouts of {@link DatabaseConfig}: Quarkus has no
 * property for them, and Vert.x' defaults (60 s to connect, 30 s to wait for a connection) would
 * hold every request of an outage for half a minute.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final DatabaseConfig config;

    public DatabasePool(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        int connectMillis = (int) Math.max(1, config.connectTimeout().toMillis());
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions server : input.pgConnectOptionsList()) {
            servers.add(server.setConnectTimeout(connectMillis));
        }
        input.poolOptions().setConnectionTimeout((int) Math.max(1, config.acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
