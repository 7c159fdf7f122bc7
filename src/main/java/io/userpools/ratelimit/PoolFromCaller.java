package io.userpools.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources whose pool is not in the path but comes from the caller (the access token of a
 * self-service call, the app client of a sign-in). {@link RateLimitFilter} leaves them alone; they
 * are limited through {@link CallerRateLimit} once the pool is known.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PoolFromCaller {
}
