package io.userpools.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The in-memory cache of app clients that sign-in and token checks look up ({@link ClientService#get}). */
@ConfigMapping(prefix = "userpools.client-cache")
public interface ClientCacheConfig {

    /** The most clients kept; the least recently used go first beyond it. */
    @WithDefault("10000")
    long maxEntries();

    /**
     * How long a client stays cached after it was read from the database. An update or deletion
     * drops the entry on the replica that made it; other replicas see it at most this long after
     * (a deleted client's tokens stop at once everywhere all the same: its sessions are revoked).
     */
    @WithDefault("PT5S")
    Duration ttl();
}
