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
import java.util.UUID;

/**
 * Sign-in sessions (one row per refresh token family; the refresh token only as SHA-256).
 * Revocation is written by {@link io.userpools.user.UserAccountRepository#signOut}.
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

    public Pool pool() {
        return client;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
