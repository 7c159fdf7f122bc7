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
        Map<QuotaCategory, Integer> limits,
        @Schema(description = "Where the limits are counted: \"replica\", each replica of the service counts on its "
                + "own (in memory), so with N replicas a pool gets up to N times its limits",
                enumeration = {"replica"}) String countedPer) {

    /** Limits are counted in memory by each replica (see RateLimiter). */
    static final String PER_REPLICA = "replica";

    static RateLimitsView of(String poolId, RateLimiter.Limits limits) {
        return new RateLimitsView(poolId, limits.overrides(), limits.effective(), PER_REPLICA);
    }
}
