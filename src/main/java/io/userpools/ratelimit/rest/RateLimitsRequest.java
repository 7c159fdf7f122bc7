package io.userpools.ratelimit.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.ratelimit.QuotaCategory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pool's own request-rate limits, per Cognito quota category, in requests per second. */
@RegisterForReflection // the constraint annotations of its components are read at run time
public record RateLimitsRequest(
        @Schema(description = "Category -> requests per second; categories left out follow the deployment's settings")
        @NotNull Map<@NotNull QuotaCategory, @NotNull @Min(1) @Max(1_000_000) Integer> limits) {
}
