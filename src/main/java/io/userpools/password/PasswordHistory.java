package io.userpools.password;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.PasswordHistoryPolicyViolationException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.user.Passwords;
import io.userpools.user.PoolUser;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool's {@code PasswordHistorySize} (lifecycle spec 1.3): with n > 0 a new password may not
 * be any of the user's last n, the current one included, on ConfirmForgotPassword, ChangePassword,
 * NEW_PASSWORD_REQUIRED and AdminSetUserPassword. Previous passwords are kept only as their
 * bcrypt hashes (table {@code password_history}), at most n - 1 per user, and go with the user.
 * Each comparison is a bcrypt check, on a worker thread; n is at most 24.
 */
@Singleton
public class PasswordHistory {

    private static final String RECENT = "SELECT password_hash FROM password_history "
            + "WHERE pool_id = $1 AND sub = $2 ORDER BY id DESC LIMIT $3";
    private static final String ADD = "INSERT INTO password_history (pool_id, sub, password_hash, replaced_at) "
            + "VALUES ($1, $2, $3, $4)";
    /** Keeps the newest $3 rows of the user. */
    private static final String TRIM = "DELETE FROM password_history WHERE pool_id = $1 AND sub = $2 AND id IN "
            + "(SELECT id FROM password_history WHERE pool_id = $1 AND sub = $2 ORDER BY id DESC OFFSET $3)";

    /**
     * Refuses a password that is one of the user's last n (none when the pool keeps no history).
     * Call it after the policy check, before the new password is hashed.
     *
     * @param user the user as it is now (its current password hash counts)
     * @throws PasswordHistoryPolicyViolationException (as the Uni's failure) when the password was used
     */
    public Uni<Void> check(SqlClient sql, Pool pool, PoolUser user, String password) {
        int size = size(pool);
        if (size == 0) {
            return Uni.createFrom().voidItem();
        }
        Uni<List<String>> previous = size == 1 ? Uni.createFrom().item(List.of())
                : sql.preparedQuery(RECENT).execute(Tuple.of(user.poolId(), user.sub(), size - 1)).map(rows -> {
                    List<String> hashes = new ArrayList<>();
                    for (Row row : rows) {
                        hashes.add(row.getString(0));
                    }
                    return hashes;
                });
        return previous.flatMap(hashes -> {
            List<String> used = new ArrayList<>();
            if (user.passwordHash() != null) {
                used.add(user.passwordHash());
            }
            used.addAll(hashes);
            return Passwords.matchesAny(password, used);
        }).invoke(reused -> {
            if (reused) {
                throw new PasswordHistoryPolicyViolationException();
            }
        }).replaceWithVoid();
    }

    /**
     * Records that the user's current password is being replaced, in the transaction that replaces
     * it, and trims the user's history to the pool's size (all of it when the pool keeps none).
     *
     * @param replaced the user as it was before the change (its password hash is kept)
     */
    public Uni<Void> replaced(SqlClient sql, Pool pool, PoolUser replaced, Instant now) {
        int keep = Math.max(0, size(pool) - 1);
        Uni<Void> add = keep == 0 || replaced.passwordHash() == null ? Uni.createFrom().voidItem()
                : sql.preparedQuery(ADD).execute(Tuple.of(replaced.poolId(), replaced.sub(), replaced.passwordHash(),
                        now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
        return add.flatMap(v -> sql.preparedQuery(TRIM).execute(Tuple.of(replaced.poolId(), replaced.sub(), keep)))
                .replaceWithVoid();
    }

    private static int size(Pool pool) {
        PoolSettings.PasswordPolicy policy = pool.settings().passwordPolicy();
        return policy == null ? 0 : Math.max(0, Math.min(24, policy.passwordHistorySize()));
    }
}
