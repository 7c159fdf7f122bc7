package io.userpools.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the reactive connection pool behaves when the database is slow or gone, under
 * {@code userpools.database.} ({@code USERPOOLS_DATABASE_} in the environment). Short timeouts make
 * an outage answer 503 at once instead of holding requests until the client gives up.
 */
@ConfigMapping(prefix = "userpools.database")
public interface DatabaseConfig {

    /** Longest wait for a TCP connection to PostgreSQL. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest wait for a free connection from the pool before the request answers 503. */
    @WithDefault("5s")
    Duration acquireTimeout();
}
