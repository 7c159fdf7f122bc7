package io.userpools.history;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * The two forms of a writing statement ({@code userpools.history.enabled}): with history on, the
 * write's data-modifying CTEs are followed by its entry as one more, {@code h}, fed by them
 * ({@code WITH <write>, h AS (<entry>) <result>}); with history off, the same statement without
 * {@code h}, and without the parameters and columns that only {@code h} reads. Writers build
 * their statements through here once, at start-up, for the configured setting.
 *
 * @param enabled whether writes record their history entry
 */
public record Recording(boolean enabled) {

    public static Recording of(HistoryConfig config) {
        return new Recording(config.enabled());
    }

    /**
     * {@code WITH write, h AS (entry) result}; without {@code h} when history is off.
     *
     * @param write  the write's CTEs ({@code name AS (...)}, comma-separated), which feed the entry
     * @param entry  the INSERT of the entry (such as {@link Entry#insertFrom})
     * @param result the statement's final query
     */
    public String statement(String write, String entry, String result) {
        return "WITH " + write + (enabled ? ", h AS (" + entry + ")" : "") + " " + result;
    }

    /**
     * {@code sql} when history is on, else nothing: a part of the write (a parameter, a column)
     * that only the entry reads.
     */
    public String forEntry(String sql) {
        return enabled ? sql : "";
    }

    /** The write's parameters, followed by those of its {@link Entry#insertFrom} entry when history is on. */
    public Tuple bind(Tuple values, Entry entry, UUID sub, Instant at) {
        return enabled ? entry.bind(values, sub, at) : values;
    }
}
