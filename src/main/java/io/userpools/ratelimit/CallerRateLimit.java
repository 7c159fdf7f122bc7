package io.userpools.ratelimit;

import io.smallrye.mutiny.Uni;
import io.userpools.common.RequestLog;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The rate limit of requests whose pool comes from the caller ({@link PoolFromCaller}): the access
 * token's pool for self-service calls, the app client's pool for sign-in. The operation is the one
 * the request was named after; the pool is added to the request's log line.
 */
@Singleton
public class CallerRateLimit {

    /** The limit of one request, bound to it; apply it once the pool is known. */
    @FunctionalInterface
    public interface Bound {
        /**
         * Counts the request against the pool's limit.
         *
         * @throws io.userpools.common.error.TooManyRequestsException (as the Uni's failure) over the limit
         */
        Uni<Void> check(String poolId);
    }

    private final RateLimiter limiter;
    private final CurrentVertxRequest current;

    public CallerRateLimit(RateLimiter limiter, CurrentVertxRequest current) {
        this.limiter = limiter;
        this.current = current;
    }

    /**
     * The limit of the request being served. Call it on the request's thread, before any
     * asynchronous step; outside a request (no operation) the bound check lets everything pass.
     */
    public Bound forCurrentRequest() {
        RoutingContext rc = current.getCurrent();
        String operation = rc == null ? null : RequestLog.operation(rc);
        if (operation == null) {
            return poolId -> Uni.createFrom().voidItem();
        }
        return poolId -> {
            RequestLog.name(rc, operation, poolId);
            return limiter.check(poolId, operation);
        };
    }
}
