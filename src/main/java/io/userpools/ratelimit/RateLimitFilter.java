package io.userpools.ratelimit;

import io.smallrye.mutiny.Uni;
import io.userpools.common.OperationNames;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Applies the rate limits before the resource runs (after admin authentication, so that
 * unauthenticated noise does not use up a pool's quota). Operations whose pool is known only
 * later (resources marked {@link PoolFromCaller}: self-service calls, whose pool comes from the
 * access token, and sign-in, whose pool comes from the app client) are limited through
 * {@link CallerRateLimit} instead.
 */
public class RateLimitFilter {

    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    public Uni<Void> limit(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass().isAnnotationPresent(PoolFromCaller.class)) {
            return Uni.createFrom().voidItem();
        }
        return limiter.check(OperationNames.poolId(request), OperationNames.operation(resource));
    }
}
