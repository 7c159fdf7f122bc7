package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sign-in sessions (one row per refresh token family; the refresh token only as SHA-256).
 * Revocation is written where it happens (global sign-out: {@link io.userpools.user.UserWriter#signOut};
 * client deletion; password events); sessions that ended long enough ago are removed by
 * {@link SessionPurge}.
 */
@Singleton
public class SessionRepository {

    /** A stored session. */
    public record Session(String poolId, UUID originJti, UUID sub, String clientId, Instant authTime,
            Instant expiresAt, Instant revokedAt) {
    }

    private static final String INSERT = "INSERT INTO sessions (pool_id, origin_jti, sub, client_id, refresh_hash, "
            + "auth_time, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    private static final String BY_REFRESH = "SELECT pool_id, origin_jti, sub, client_id, auth_time, expires_at, "
            + "revoked_at FROM sessions WHERE refresh_hash = $1";
    // A session ended when it expired or was revoked, whichever came first: least() passes over a
    // null revoked_at. Both statements read sessions_ended (pool_id, least(expires_at, revoked_at)),
    // V23. The first reads one index entry per pool (the smallest end), the second deletes within one
    // pool, as V1's pool_id-first keys ask.
    private static final String POOLS_TO_PURGE = "SELECT p.id FROM pools p WHERE (SELECT min(least(s.expires_at, "
            + "s.revoked_at)) FROM sessions s WHERE s.pool_id = p.id) < $1";
    // SKIP LOCKED: replicas running the removal at once take different rows instead of waiting, and a
    // row that a revocation is writing right now is left for the next run
    private static final String PURGE = "DELETE FROM sessions WHERE pool_id = $1 AND origin_jti IN (SELECT origin_jti "
            + "FROM sessions WHERE pool_id = $1 AND least(expires_at, revoked_at) < $2 LIMIT $3 "
            + "FOR UPDATE SKIP LOCKED)";

    private final Pool client;

    public SessionRepository(Pool client) {
        this.client = client;
    }

    public Uni<Void> insert(SqlClient sql, Session session, byte[] refreshHash) {
        Tuple values = Tuple.tuple().addString(session.poolId()).addUUID(session.originJti()).addUUID(session.sub())
                .addString(session.clientId()).addBuffer(Buffer.buffer(refreshHash))
                .addOffsetDateTime(utc(session.authTime())).addOffsetDateTime(utc(session.expiresAt()));
        return sql.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    /** The session of a refresh token hash, or null. */
    public Uni<Session> findByRefreshHash(byte[] refreshHash) {
        return client.preparedQuery(BY_REFRESH).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(refreshHash))).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
            return new Session(row.getString("pool_id"), row.getUUID("origin_jti"), row.getUUID("sub"),
                    row.getString("client_id"), row.getOffsetDateTime("auth_time").toInstant(),
                    row.getOffsetDateTime("expires_at").toInstant(), revoked == null ? null : revoked.toInstant());
        });
    }

    /** The pools that hold sessions which expired or were revoked before {@code endedBefore}. */
    public Uni<List<String>> poolsToPurge(Instant endedBefore) {
        return client.preparedQuery(POOLS_TO_PURGE).execute(Tuple.of(utc(endedBefore))).map(rows -> {
            List<String> pools = new ArrayList<>(rows.size());
            for (Row row : rows) {
                pools.add(row.getString(0));
            }
            return pools;
        });
    }

    /**
     * Deletes up to {@code batch} sessions of the pool that expired or were revoked before
     * {@code endedBefore}, leaving rows that another transaction has locked.
     *
     * @return how many were deleted
     */
    public Uni<Integer> purge(String poolId, Instant endedBefore, int batch) {
        return client.preparedQuery(PURGE).execute(Tuple.of(poolId, utc(endedBefore), batch))
                .map(rows -> rows.rowCount());
    }

    public Pool pool() {
        return client;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
