package io.userpools.history;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads and ages out {@code user_history}. Entries are written only with the change they record,
 * by {@link io.userpools.user.UserWriter} ({@link Entry}).
 */
@Singleton
public class HistoryRepository {

    /** One stored entry. */
    public record StoredEntry(long id, UUID sub, String username, long version, String kind, String operation,
            String requestId, io.vertx.core.json.JsonObject actor, io.vertx.core.json.JsonObject changes,
            Instant changedAt) {
    }

    private static final String OF_USER = "SELECT id, sub, username, version, kind, operation, request_id, actor, "
            + "changes, changed_at FROM user_history WHERE pool_id = $1 AND sub = $2 "
            + "AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4";
    // SKIP LOCKED: replicas running the removal at once take different rows instead of waiting
    private static final String PURGE = "DELETE FROM user_history WHERE (pool_id, id) IN (SELECT pool_id, id "
            + "FROM user_history WHERE changed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";

    private final Pool client;

    public HistoryRepository(Pool client) {
        this.client = client;
    }

    /** Up to {@code limit} entries of the user {@code sub}, newest first, older than entry {@code before} if given. */
    public Uni<List<StoredEntry>> ofUser(String poolId, UUID sub, Long before, int limit) {
        return client.preparedQuery(OF_USER).execute(Tuple.of(poolId, sub, before, limit)).map(rows -> {
            List<StoredEntry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(new StoredEntry(row.getLong("id"), row.getUUID("sub"), row.getString("username"),
                        row.getLong("version"), row.getString("kind"), row.getString("operation"),
                        row.getString("request_id"), row.getJsonObject("actor"), row.getJsonObject("changes"),
                        row.getOffsetDateTime("changed_at").toInstant()));
            }
            return entries;
        });
    }

    /**
     * Deletes up to {@code batch} entries written before {@code cutoff}.
     *
     * @return how many were deleted
     */
    public Uni<Integer> purge(Instant cutoff, int batch) {
        return client.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), batch))
                .map(rows -> rows.rowCount());
    }
}
