package io.userpools.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.AccessTokenVerifier.AccessContext;
import io.userpools.ratelimit.CallerRateLimit;
import jakarta.inject.Singleton;

/**
 * The caller of a self-service route: the access token that {@link AccessTokenMechanism} verified
 * for this request. Asking for it counts the call against the token's pool rate limit (the one
 * place where self-service calls are limited), after the token checks, as Cognito orders them.
 */
@Singleton
public class SelfCaller {

    private final SecurityIdentity identity;
    private final CallerRateLimit rateLimit;

    public SelfCaller(SecurityIdentity identity, CallerRateLimit rateLimit) {
        this.identity = identity;
        this.rateLimit = rateLimit;
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
