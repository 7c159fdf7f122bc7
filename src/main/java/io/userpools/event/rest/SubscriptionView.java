package io.userpools.event.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.event.Subscription;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription as admins see it: never its secret. */
@RegisterForReflection
public record SubscriptionView(
        @Schema(example = "0b8e5f2a-4c1d-4e6f-8a9b-3c2d1e0f4a5b") String id,
        String poolId,
        String url,
        List<String> events,
        Instant createdAt,
        @Schema(description = "Deliveries waiting to be sent or retried (parked ones not counted)") long pending,
        @Schema(description = "Deliveries parked after their last attempt, oldest user first (at most 100). "
                + "Each holds its user's later events until retried.") List<ParkedView> parked) {

    /** A parked delivery. */
    @RegisterForReflection
    public record ParkedView(@Schema(example = "evt_1042") String eventId, String sub, long version, int attempts,
            @Schema(example = "HTTP 503") String lastError, Instant parkedAt) {
    }

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id(), s.poolId(), s.url(), s.events(), s.createdAt(), s.pending(),
                s.parked().stream().map(p -> new ParkedView(p.eventId(), p.sub(), p.version(), p.attempts(),
                        p.lastError(), p.since())).toList());
    }
}
