package io.userpools.user;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.UserNotFoundException;
import io.userpools.pool.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.function.Supplier;

/**
 * A self-service call whose token is verified except for the user's state: the statements that
 * serve it carry {@link #guard}, and when one finds nothing (the guard failed, or a race),
 * {@link #recheck} reads the state once and fails with the precise Cognito error, or answers the
 * user when every condition holds after all. {@code username} is the token's (null if absent), so
 * that a write can join the user's merge lane.
 */
public record SelfAccess(Pool pool, SessionGuard guard, String username, Supplier<Uni<PoolUser>> recheck) {

    /**
     * The token's user, read with the guard (locked for update when {@code lock} is set); when the
     * guard fails, the state check answers the precise error, or (the state having changed back
     * meanwhile) the user is read again.
     *
     * @throws UserNotFoundException (as the Uni's failure) when the user is gone
     */
    public Uni<PoolUser> find(UserRepository users, SqlClient sql, boolean lock) {
        return users.findGuarded(sql, pool.id(), guard, lock).onItem().ifNull()
                .switchTo(() -> checkState().flatMap(checked -> users.findBySub(sql, pool.id(), checked.sub(), lock)))
                .onItem().ifNull().failWith(UserLookup::notFound);
    }

    /** The state check, once per call (its outcome is remembered). */
    public Uni<PoolUser> checkState() {
        return recheck.get();
    }
}
