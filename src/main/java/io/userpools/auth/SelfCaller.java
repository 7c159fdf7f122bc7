package io.userpools.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.AccessTokenVerifier.AccessContext;
import io.userpools.ratelimit.CallerRateLimit;
import io.userpools.user.SelfAccess;
import jakarta.inject.Singleton;
import java.util.function.BiFunction;

/**
 * The caller of a self-service route: the access token that {@link AccessTokenMechanism} verified
 * for this request. Asking for it counts the call against the token's pool rate limit (the one
 * place where self-service calls are limited), after the token checks, as Cognito orders them.
 */
@Singleton
public class SelfCaller {

    private final SecurityIdentity identity;
    private final CallerRateLimit rateLimit;
    private final GuardedCalls guarded;

    public SelfCaller(SecurityIdentity identity, CallerRateLimit rateLimit, GuardedCalls guarded) {
        this.identity = identity;
        this.rateLimit = rateLimit;
        this.guarded = guarded;
    }

    /**
     * Runs an operation of a route that selects {@link Callers#SIGNED_TOKEN}: its statements carry
     * the token's state conditions, and any failure answers the token's state error first
     * ({@link GuardedCalls}); the call counts against the pool's rate limit before it runs.
     */
    public <T> Uni<T> guarded(BiFunction<SignedToken, SelfAccess, Uni<T>> operation) {
        CallerRateLimit.Bound limit = rateLimit.forCurrentRequest();
        SignedToken token = Callers.signed(identity);
        return guarded.run(token, Uni.createFrom().deferred(() -> limit.check(token.pool().id())),
                access -> operation.apply(token, access));
    }

    /**
     * The verified token of the current request: its pool, client, user and session.
     *
     * @throws io.userpools.common.error.TooManyRequestsException (as the Uni's failure) when the
     *         pool's rate limit for the operation is reached
     */
    public Uni<AccessContext> context() {
        CallerRateLimit.Bound limit = rateLimit.forCurrentRequest();
        AccessContext context = Callers.self(identity);
        return limit.check(context.pool().id()).replaceWith(context);
    }
}
