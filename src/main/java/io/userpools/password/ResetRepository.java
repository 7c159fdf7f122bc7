package io.userpools.password;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The writes of the password operations beyond the user's row (which {@link io.userpools.user.UserWriter}
 * writes): the wrong tries of a reset code and the sessions a password change may end. Wrong tries live in
 * {@code user_attempts} under their own kind, counted per code: the row's {@code window_start}
 * is the code's issue time, so a new code starts from zero.
 */
@Singleton
public class ResetRepository {

    static final String MISSES = "RESET_CODE_MISSES";

    private static final String MISS = "INSERT INTO user_attempts (pool_id, sub, kind, window_start, attempts) "
            + "VALUES ($1, $2, $3, $4, 1) ON CONFLICT (pool_id, sub, kind) DO UPDATE SET "
            + "attempts = CASE WHEN user_attempts.window_start = $4 THEN user_attempts.attempts + 1 ELSE 1 END, "
            + "window_start = $4 RETURNING attempts";
    private static final String FORGET_MISSES = "DELETE FROM user_attempts WHERE pool_id = $1 AND sub = $2 "
            + "AND kind = $3";
    private static final String REVOKE_OTHERS = "UPDATE sessions SET revoked_at = $4 WHERE pool_id = $1 "
            + "AND sub = $2 AND revoked_at IS NULL AND ($3::uuid IS NULL OR origin_jti <> $3::uuid)";

    /**
     * Counts one wrong try of the user's reset code issued at {@code issuedAt}.
     *
     * @return the wrong tries of that code so far, this one included
     */
    public Uni<Integer> miss(SqlClient sql, String poolId, UUID sub, Instant issuedAt) {
        return sql.preparedQuery(MISS).execute(Tuple.of(poolId, sub, MISSES, utc(issuedAt)))
                .map(rows -> rows.iterator().next().getInteger("attempts"));
    }

    /** Forgets the wrong tries (the code was used). */
    public Uni<Void> forgetMisses(SqlClient sql, String poolId, UUID sub) {
        return sql.preparedQuery(FORGET_MISSES).execute(Tuple.of(poolId, sub, MISSES)).replaceWithVoid();
    }

    /** Revokes every live session of the user but {@code keep} (null: all of them). */
    public Uni<Void> revokeSessions(SqlClient sql, String poolId, UUID sub, UUID keep, Instant now) {
        return sql.preparedQuery(REVOKE_OTHERS).execute(Tuple.of(poolId, sub, keep, utc(now))).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
