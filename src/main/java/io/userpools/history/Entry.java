package io.userpools.history;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One history entry to write with a change, in the same statement: the writing statements are
 * data-modifying CTEs whose row (pool_id, sub, username, version as stored) feeds
 * {@link #insertFrom}. Nothing else writes {@code user_history}.
 *
 * @param kind    created, updated or deleted
 * @param by      operation, request id and actor
 * @param changes the {@link Changes} document
 */
public record Entry(String kind, Provenance by, JsonObject changes) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";

    /** The columns of an entry, in the order {@link #insertFrom} and the batched statements write them. */
    public static final String COLUMNS = "pool_id, sub, username, version, kind, operation, request_id, actor, "
            + "changes, changed_at";

    /**
     * An INSERT of one entry per row of {@code source} (a CTE returning pool_id, sub, username and
     * the new version), taking kind, operation, request id, actor, changes and time from the six
     * parameters starting at {@code $first} (bound by {@link #bind}).
     */
    public static String insertFrom(String source, int first) {
        StringBuilder sql = new StringBuilder("INSERT INTO user_history (").append(COLUMNS)
                .append(") SELECT pool_id, sub, username, version");
        for (int i = 0; i < 6; i++) {
            sql.append(", $").append(first + i);
        }
        return sql.append(" FROM ").append(source).toString();
    }

    /** Adds the six parameters of {@link #insertFrom} for a change of the user {@code sub}. */
    public Tuple bind(Tuple tuple, UUID sub, Instant at) {
        return tuple.addString(kind).addString(by.operation()).addString(by.requestId())
                .addJsonObject(by.actor().json(sub)).addJsonObject(changes)
                .addOffsetDateTime(at.atOffset(ZoneOffset.UTC));
    }
}
