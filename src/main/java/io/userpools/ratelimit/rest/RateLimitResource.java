package io.userpools.ratelimit.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.PoolService;
import io.userpools.ratelimit.RateLimiter;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/rate-limits")
@Tag(name = "Rate limits", description = "A pool's request-rate limits per Cognito quota category (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class RateLimitResource {

    private final PoolService pools;
    private final RateLimiter limiter;

    public RateLimitResource(PoolService pools, RateLimiter limiter) {
        this.pools = pools;
        this.limiter = limiter;
    }

    @GET
    @Operation(operationId = "getUserPoolRateLimits", summary = "The pool's own rate limits and those in force",
            description = "Requests per second allowed on this pool per Cognito quota category: the pool's own "
            + "limits and those in force (the pool's, else the deployment's). Each replica counts on its own: with N "
            + "replicas a pool gets up to N times these rates.")
    @APIResponse(responseCode = "200", description = "The limits, requests per second per category")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<RateLimitsView> getUserPoolRateLimits(@PathParam("poolId") String poolId) {
        return pools.get(poolId).chain(pool -> limiter.limits(pool.id())).map(limits -> RateLimitsView.of(poolId, limits));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setUserPoolRateLimits",
            summary = "Replace the pool's own rate limits (an empty map returns to the deployment's)",
            description = "Replaces the pool's own limits per Cognito quota category; a category left out follows "
            + "the deployment's limit. Calls over a limit get 429 TooManyRequestsException with "
            + "Retry-After. Each replica counts on its own (with N replicas a pool gets up to N times these "
            + "rates); other replicas apply a change within 5 seconds.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "limits", value = Examples.RATE_LIMITS)))
    @APIResponse(responseCode = "200", description = "The limits now in force")
    @APIResponse(responseCode = "400", description = "InvalidParameterException: unknown category or a limit out of 1..1000000")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<RateLimitsView> setUserPoolRateLimits(@PathParam("poolId") String poolId,
            @NotNull RateLimitsRequest request) {
        RequestConstraints.valid(request);
        return pools.get(poolId)
                .chain(pool -> limiter.override(pool.id(), request.limits()))
                .chain(() -> limiter.limits(poolId))
                .map(limits -> RateLimitsView.of(poolId, limits));
    }
}
