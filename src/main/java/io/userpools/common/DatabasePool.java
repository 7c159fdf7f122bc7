package io.userpools.common;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the reactive pool (used by Hibernate Reactive and the repositories alike) from Quarkus'
 * datasource settings, adding the fail-fast timeouts of {@link DatabaseConfig}: Quarkus has no
 * property for them, and Vert.x' defaults (60 s to connect, 30 s to wait for a connection) would
 * hold every request of an outage for half a minute.
 *
 * <p>It also keeps the pool's meters registered once. Quarkus' Micrometer binder gives every new
 * connection its own client metrics, and each registers the gauges {@code postgresql.queue.size}
 * and {@code postgresql.current} under the same name and tags: Micrometer keeps the first
 * connection's, ignores the others' and warns (quarkusio/quarkus#47504). So those two gauges never
 * spoke for the pool, and they are dropped. A {@link MeterFilter} bean would come too late: the
 * first connection opens while Hibernate Reactive boots (its database version check), before
 * Quarkus applies filter beans; the pool is built before any connection, so the filter goes on the
 * global registry, where the binder registers, here. What stays, once: the pool's own gauges and
 * timers ({@code sql.pool.queue.size}, {@code sql.pool.active}, {@code sql.pool.idle},
 * {@code sql.pool.usage}, ...) and the client's timers and counters ({@code postgresql.processing},
 * {@code postgresql.completed}, ...), which all connections share.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private static final Set<String> PER_CONNECTION_GAUGES = Set.of("postgresql.queue.size", "postgresql.current");
    private static final MeterFilter DROP_PER_CONNECTION_GAUGES = MeterFilter.deny(
            id -> PER_CONNECTION_GAUGES.contains(id.getName()) && "sql".equals(id.getTag("clientType")));

    private final DatabaseConfig config;

    public DatabasePool(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        Metrics.globalRegistry.config().meterFilter(DROP_PER_CONNECTION_GAUGES);
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
