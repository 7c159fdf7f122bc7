package io.userpools.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The change history of users ({@code userpools.history.*}, issue 16). */
@ConfigMapping(prefix = "userpools.history")
public interface HistoryConfig {

    /**
     * Whether changes are recorded ({@code USERPOOLS_HISTORY_ENABLED}). When false, no write adds
     * a history entry, so the event feed and the subscriptions receive nothing new and the history
     * route answers only the entries recorded before; the writes themselves are unchanged. Read
     * once at start-up: the writing statements are built for one setting.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long history entries are kept ({@code USERPOOLS_HISTORY_RETENTION}, an ISO-8601 duration
     * such as {@code P365D}); older entries are removed by a background job, a batch at a time.
     * Also bounds how far back the event feed reaches.
     */
    @WithDefault("P365D")
    Duration retention();

    /** How often the removal runs ({@code USERPOOLS_HISTORY_PURGE_INTERVAL}). */
    @WithDefault("PT10M")
    Duration purgeInterval();

    /**
     * Entries one removal statement deletes at most ({@code USERPOOLS_HISTORY_PURGE_BATCH}): small,
     * so that no statement holds many row locks or runs long beside the writes.
     */
    @WithDefault("1000")
    int purgeBatch();

    /** Statements one run issues at most ({@code USERPOOLS_HISTORY_PURGE_BATCHES}); the rest waits for the next. */
    @WithDefault("100")
    int purgeBatches();
}
