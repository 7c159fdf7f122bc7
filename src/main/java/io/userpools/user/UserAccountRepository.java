package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The account side of a user: password and status, enabled flag, sign-out. Each operation is one
 * statement on the reactive client, composable in a caller's transaction.
 */
@Singleton
public class UserAccountRepository {

    /** A user with the state of one of its sessions, as an access-token check needs it. */
    public record UserSession(PoolUser user, boolean sessionFound, Instant sessionAuthTime, Instant sessionRevokedAt) {
    }

    /** A new password also forgets the failed sign-ins of the old one (lockout, lifecycle spec 6.2 (4)). */
    private static final String SET_PASSWORD = "WITH forgotten AS (DELETE FROM sign_in_failures "
            + "WHERE pool_id = $1 AND subject = $2::uuid::text) "
            + "UPDATE users SET password_hash = $3, status = $4, password_set_at = $5, "
            + "version = version + 1, last_modified_at = $5 WHERE pool_id = $1 AND sub = $2::uuid";
    private static final String PASSWORD_SET_AT = "SELECT coalesce(password_set_at, created_at) FROM users "
            + "WHERE pool_id = $1 AND sub = $2";
    private static final String SET_ENABLED = "UPDATE users SET enabled = $3, version = version + 1, "
            + "last_modified_at = $4 WHERE pool_id = $1 AND sub = $2";
    private static final String SIGN_OUT = "WITH revoked AS (UPDATE sessions SET revoked_at = $3 "
            + "WHERE pool_id = $1 AND sub = $2 AND revoked_at IS NULL) "
            + "UPDATE users SET signed_out_at = $3 WHERE pool_id = $1 AND sub = $2";
    private static final String WITH_SESSION = "SELECT u.*, s.origin_jti AS session_origin_jti, "
            + "s.auth_time AS session_auth_time, s.revoked_at AS session_revoked_at FROM users u "
            + "LEFT JOIN sessions s ON s.pool_id = u.pool_id AND s.origin_jti = $3 AND s.sub = u.sub "
            + "WHERE u.pool_id = $1 AND u.sub = $2";

    private final Pool client;

    public UserAccountRepository(Pool client) {
        this.client = client;
    }

    /**
     * Replaces the password hash and sets the status (CONFIRMED or FORCE_CHANGE_PASSWORD), records
     * when (a temporary password's validity starts again), and forgets the user's failed sign-ins,
     * so a locked-out user can sign in with the new password.
     */
    public Uni<Void> setPassword(SqlClient sql, PoolUser user, String hash, UserStatus status, Instant now) {
        return sql.preparedQuery(SET_PASSWORD)
                .execute(Tuple.of(user.poolId(), user.sub(), hash, status.name(), UserRepository.utc(now)))
                .replaceWithVoid();
    }

    /**
     * When the user's current password was set (a temporary one expires counted from then), or
     * null when the user does not exist.
     */
    public Uni<Instant> passwordSetAt(String poolId, UUID sub) {
        return client.preparedQuery(PASSWORD_SET_AT).execute(Tuple.of(poolId, sub)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? it.next().getOffsetDateTime(0).toInstant() : null;
        });
    }

    public Uni<Void> setEnabled(SqlClient sql, PoolUser user, boolean enabled, Instant now) {
        return sql.preparedQuery(SET_ENABLED)
                .execute(Tuple.of(user.poolId(), user.sub(), enabled, UserRepository.utc(now)))
                .replaceWithVoid();
    }

    /**
     * Global sign-out: revokes every session of the user (its refresh tokens and the access tokens
     * issued from them) and records the instant, in one statement.
     */
    public Uni<Void> signOut(SqlClient sql, String poolId, UUID sub, Instant now) {
        return sql.preparedQuery(SIGN_OUT).execute(Tuple.of(poolId, sub, UserRepository.utc(now))).replaceWithVoid();
    }

    /** The user with the given session's state, or null when the user does not exist. */
    public Uni<UserSession> findWithSession(String poolId, UUID sub, UUID originJti) {
        return client.preparedQuery(WITH_SESSION).execute(Tuple.of(poolId, sub, originJti)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            OffsetDateTime authTime = row.getOffsetDateTime("session_auth_time");
            OffsetDateTime revokedAt = row.getOffsetDateTime("session_revoked_at");
            return new UserSession(UserRepository.map(poolId, row), row.getUUID("session_origin_jti") != null,
                    authTime == null ? null : authTime.toInstant(), revokedAt == null ? null : revokedAt.toInstant());
        });
    }

    public Pool pool() {
        return client;
    }
}
