package io.userpools.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The removal of sessions that can no longer be used ({@code userpools.sessions.*}, {@link SessionPurge}). */
@ConfigMapping(prefix = "userpools.sessions")
public interface SessionsConfig {

    /** How often the removal runs ({@code USERPOOLS_SESSIONS_PURGE_INTERVAL}). */
    @WithDefault("PT10M")
    Duration purgeInterval();

    /**
     * How long a session is kept past the longest access-token validity (1 day) after it expired or
     * was revoked ({@code USERPOOLS_SESSIONS_PURGE_MARGIN}): room for clocks of replicas that
     * disagree. Meanwhile a refresh still answers that its token expired or was revoked; after it,
     * that the token is invalid.
     */
    @WithDefault("PT1H")
    Duration purgeMargin();

    /**
     * Sessions one removal statement deletes at most ({@code USERPOOLS_SESSIONS_PURGE_BATCH}): small,
     * so that no statement holds many row locks or runs long beside sign-ins and refreshes.
     */
    @WithDefault("1000")
    int purgeBatch();

    /** Statements one run issues at most ({@code USERPOOLS_SESSIONS_PURGE_BATCHES}); the rest waits for the next. */
    @WithDefault("100")
    int purgeBatches();
}
