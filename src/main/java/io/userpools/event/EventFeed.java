package io.userpools.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pool's history entries as events in commit order (V10's rule): only entries whose
 * transaction id is below the xmin of the reading statement's own snapshot, i.e. written by
 * transactions that have all ended, in (tx, id) order, strictly after a cursor. A transaction
 * still running when a page is read has a tx at or above that xmin, and every later transaction a
 * larger one still, so whatever commits after a page was read sorts after the cursor that page
 * handed out: nothing is skipped or repeated, whatever the number of writers and replicas. The
 * price is latency: the feed waits for the oldest running writing transaction of the database.
 * (The ORDER BY names the table's columns: a bare {@code tx} would sort by the select list's
 * text {@code tx}, putting transaction 1000 before 999.)
 */
@Singleton
public class EventFeed {

    static final String PAGE = "SELECT id, tx::text AS tx, sub, username, version, kind, operation, request_id, "
            + "actor::text AS actor, changes::text AS changes, changed_at FROM user_history "
            + "WHERE pool_id = $1 AND (tx, id) > ($2::text::xid8, $3) "
            + "AND tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY user_history.tx, user_history.id LIMIT $4";

    static final String ENTRY = "SELECT id, tx::text AS tx, sub, username, version, kind, operation, request_id, "
            + "actor::text AS actor, changes::text AS changes, changed_at FROM user_history "
            + "WHERE pool_id = $1 AND id = $2";

    /** One page and the cursor after it (the given one when the page is empty). */
    public record Page(List<ChangeEvent> events, FeedCursor next) {
    }

    private final ObjectMapper json;

    public EventFeed(ObjectMapper json) {
        this.json = json;
    }

    /** Up to {@code limit} events after {@code cursor}, read on {@code sql}. */
    public Uni<Page> page(SqlClient sql, FeedCursor cursor, int limit) {
        return sql.preparedQuery(PAGE).execute(Tuple.of(cursor.poolId(), cursor.tx(), cursor.id(), limit))
                .map(rows -> {
                    List<ChangeEvent> events = new ArrayList<>(rows.size());
                    FeedCursor next = cursor;
                    for (Row row : rows) {
                        events.add(event(cursor.poolId(), row));
                        next = new FeedCursor(cursor.poolId(), row.getString("tx"), row.getLong("id"));
                    }
                    return new Page(List.copyOf(events), next);
                });
    }

    /** The event of entry {@code entryId} of the pool, or null when it is gone (retention). */
    public Uni<ChangeEvent> entry(SqlClient sql, String poolId, long entryId) {
        return sql.preparedQuery(ENTRY).execute(Tuple.of(poolId, entryId))
                .map(rows -> rows.size() == 0 ? null : event(poolId, rows.iterator().next()));
    }

    /** The entry id of an event id ({@link ChangeEvent#id(long)}). */
    static long entryId(ChangeEvent event) {
        return Long.parseLong(event.id().substring("evt_".length()));
    }

    /** The event of one {@code user_history} row (the columns of {@link #PAGE}). */
    ChangeEvent event(String poolId, Row row) {
        JsonNode changes = tree(row.getString("changes"));
        String kind = row.getString("kind");
        return new ChangeEvent(ChangeEvent.id(row.getLong("id")), EventTypes.of(kind, changes), poolId,
                new ChangeEvent.User(row.getUUID("sub").toString(), row.getString("username")),
                row.getLong("version"), row.getOffsetDateTime("changed_at").toInstant(),
                row.getString("operation"), row.getString("request_id"), tree(row.getString("actor")), changes);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("user_history holds JSON that does not parse", e);
        }
    }
}
