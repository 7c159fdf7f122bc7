package io.userpools.event.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.event.CreateSubscriptionCommand;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of createEventSubscription. */
@RegisterForReflection
public record CreateSubscriptionRequest(
        @Schema(description = "Absolute https URL that receives each event as a signed POST",
                example = "https://billing.internal.example/hooks/userpools")
        @NotNull @Size(max = 2048) String url,
        @Schema(description = "The event types wanted: user.created, user.attributes.changed, "
                + "user.attribute.verified, user.disabled, user.enabled, user.deleted",
                example = "[\"user.attributes.changed\", \"user.deleted\"]")
        @NotNull @Size(min = 1, max = 6) List<@NotNull @Size(max = 64) String> events,
        @Schema(description = "Signs each delivery (Standard Webhooks; whsec_<base64> or any text). Never "
                + "answered back.", example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        @NotNull @Size(min = 16, max = 512) String secret) {

    CreateSubscriptionCommand toCommand(String poolId) {
        return new CreateSubscriptionCommand(poolId, url, events, secret);
    }
}
