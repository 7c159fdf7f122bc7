package io.userpools.common;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to date before the service takes traffic, and skips Flyway when it already
 * is: one query on Flyway's history table through the reactive pool instead of Flyway's boot, its
 * JDBC connection and its validation (about 200 ms of a start on 2 cores, bench/README.md). Only
 * an empty, older or failed schema starts Flyway, whose lock lets several replicas start at once.
 * A schema newer than this build (a rolling update's old replica) is left alone, as Flyway would.
 */
@Singleton
public class SchemaMigration {

    /**
     * The highest version under {@code db/migration}. {@code SchemaMigrationTest} fails when a new
     * migration is added without raising it.
     */
    static final int LATEST = 23;

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final String UNDEFINED_TABLE = "42P01";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final Instance<Flyway> flyway;
    private final boolean migrateAtStart;

    public SchemaMigration(Pool pool, Instance<Flyway> flyway, UserpoolsConfig config) {
        this.pool = pool;
        this.flyway = flyway;
        this.migrateAtStart = config.schema().migrateAtStart();
    }

    /** Runs before the other start-up observers, which may read the database. */
    void migrate(@Observes @Priority(1) StartupEvent event) {
        if (!migrateAtStart) {
            return;
        }
        Applied applied = applied();
        if (applied.current()) {
            LOG.debugf("schema at version %d: nothing to migrate", applied.version());
            return;
        }
        LOG.infof("schema at version %d%s: migrating to %d", applied.version(),
                applied.failed() ? " with a failed migration" : "", LATEST);
        flyway.get().migrate();
    }

    /** What Flyway's history table says; version 0 when there is none. */
    Applied applied() {
        try {
            Row row = pool.query("SELECT coalesce(max(split_part(version, '.', 1)::int), 0) AS version, "
                    + "count(*) FILTER (WHERE NOT success) AS failed "
                    + "FROM flyway_schema_history WHERE version IS NOT NULL")
                    .execute().await().atMost(QUERY_TIMEOUT).iterator().next();
            return new Applied(row.getInteger("version"), row.getLong("failed") > 0);
        } catch (PgException e) {
            if (UNDEFINED_TABLE.equals(e.getSqlState())) {
                return new Applied(0, false);
            }
            throw e;
        }
    }

    /** The highest applied version and whether any migration failed. */
    record Applied(int version, boolean failed) {

        boolean current() {
            return !failed && version >= LATEST;
        }
    }
}
