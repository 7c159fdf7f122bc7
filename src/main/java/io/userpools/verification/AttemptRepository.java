package io.userpools.verification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Per-user attempt counters (user_attempts): one row per user and kind, a fixed window each. */
@Singleton
public class AttemptRepository {

    /** The window's count (this attempt included) and start. */
    public record Window(int attempts, Instant start) {
    }

    private static final String HIT = "INSERT INTO user_attempts (pool_id, sub, kind, window_start, attempts) "
            + "VALUES ($1, $2, $3, $4, 1) ON CONFLICT (pool_id, sub, kind) DO UPDATE SET "
            + "attempts = CASE WHEN user_attempts.window_start <= $5 THEN 1 ELSE user_attempts.attempts + 1 END, "
            + "window_start = CASE WHEN user_attempts.window_start <= $5 THEN $4 ELSE user_attempts.window_start END "
            + "RETURNING attempts, window_start";

    /**
     * Records one attempt at {@code now}, opening a new window when the last one is over. Run it
     * outside the operation's transaction, so that failed attempts count too.
     */
    public Uni<Window> hit(SqlClient sql, String poolId, UUID sub, AttemptLimits kind, Instant now) {
        Tuple args = Tuple.of(poolId, sub, kind.name(), now.atOffset(ZoneOffset.UTC),
                now.minus(AttemptLimits.WINDOW).atOffset(ZoneOffset.UTC));
        return sql.preparedQuery(HIT).execute(args).map(rows -> {
            Row row = rows.iterator().next();
            return new Window(row.getInteger("attempts"), row.getOffsetDateTime("window_start").toInstant());
        });
    }
}
