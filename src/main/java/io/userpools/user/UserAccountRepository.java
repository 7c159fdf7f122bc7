package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads of the account side of a user: when its password was set, and the user with one of its
 * sessions. The account writes (password, enabled flag, sign-out) are {@link UserWriter}'s.
 */
@Singleton
public class UserAccountRepository {

    /** A user with the state of one of its sessions, as an access-token check needs it. */
    public record UserSession(PoolUser user, boolean sessionFound, Instant sessionAuthTime, Instant sessionRevokedAt,
            boolean clientFound) {
    }

    private static final String PASSWORD_SET_AT = "SELECT coalesce(password_set_at, created_at) FROM users "
            + "WHERE pool_id = $1 AND sub = $2";
    private static final String WITH_SESSION = "SELECT u.*, s.origin_jti AS session_origin_jti, "
            + "s.auth_time AS session_auth_time, s.revoked_at AS session_revoked_at, EXISTS (SELECT 1 FROM app_clients c "
            + "WHERE c.pool_id = u.pool_id AND c.client_id = $4) AS client_found FROM users u "
            + "LEFT JOIN sessions s ON s.pool_id = u.pool_id AND s.origin_jti = $3 AND s.sub = u.sub "
            + "WHERE u.pool_id = $1 AND u.sub = $2";

    private final Pool client;

    public UserAccountRepository(Pool client) {
        this.client = client;
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

    /**
     * The user with the given session's state and whether the token's app client still exists, or
     * null when the user does not exist.
     */
    public Uni<UserSession> findWithSession(String poolId, UUID sub, UUID originJti, String clientId) {
        return client.preparedQuery(WITH_SESSION).execute(Tuple.of(poolId, sub, originJti, clientId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            OffsetDateTime authTime = row.getOffsetDateTime("session_auth_time");
            OffsetDateTime revokedAt = row.getOffsetDateTime("session_revoked_at");
            return new UserSession(UserRepository.map(poolId, row), row.getUUID("session_origin_jti") != null,
                    authTime == null ? null : authTime.toInstant(), revokedAt == null ? null : revokedAt.toInstant(),
                    row.getBoolean("client_found"));
        });
    }

    public Pool pool() {
        return client;
    }
}
