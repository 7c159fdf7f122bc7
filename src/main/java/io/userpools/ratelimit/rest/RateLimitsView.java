package io.userpools.ratelimit.rest;

import io.userpools.ratelimit.QuotaCategory;
import io.userpools.ratelimit.RateLimiter;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pool's request-rate limits: those it sets and those in force, in requests per second. */
public record RateLimitsView(
        String poolId,
        @Schema(description = "The pool's own limits (set with PUT)") Map<QuotaCategory, Integer> overrides,
        @Schema(description = "Every category's limit in force: the pool's own, else the deployment's")
        Map<QuotaCategory, Integer> limits) {

    static RateLimitsView of(String poolId, RateLimiter.Limits limits) {
        return new RateLimitsView(poolId, limits.overrides(), limits.effective());
    }
}
