package io.userpools.auth;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.user.PoolUser;
import io.userpools.user.SelfAccess;
import jakarta.inject.Singleton;
import java.util.function.Function;

/**
 * Runs a self-service operation whose statements carry the token's state conditions
 * ({@link io.userpools.user.SessionGuard}) instead of a query of their own. Cognito's order of
 * errors stays as {@link AccessTokenVerifier} gives it: whenever the operation fails (a guard that
 * found the state wrong, the rate limit, a rule of the request), the state is read once and its
 * error wins; only when every state condition holds does the operation's own error stand. A token
 * without the scope fails at once the same way (revoked comes before scope).
 */
@Singleton
public class GuardedCalls {

    private final AccessTokenVerifier verifier;

    public GuardedCalls(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Runs {@code operation} for the token after {@code limit} (the pool's rate limit).
     *
     * @return fails with the token's state error, else with the operation's or the limit's
     */
    public <T> Uni<T> run(SignedToken token, Uni<Void> limit, Function<SelfAccess, Uni<T>> operation) {
        Uni<PoolUser> state = Uni.createFrom().deferred(() -> verifier.state(token)).map(AccessTokenVerifier.AccessContext::user)
                .memoize().indefinitely();
        SelfAccess access = new SelfAccess(token.pool(), token.guard(), token.username(), () -> state);
        Uni<T> run = token.hasScope() ? limit.chain(() -> operation.apply(access))
                : Uni.createFrom().failure(new NotAuthorizedException(AccessTokenVerifier.SCOPES));
        return run.onFailure().recoverWithUni(failure -> state.onItem().<T>transformToUni(user -> Uni.createFrom().failure(failure)));
    }
}
