package io.userpools.event;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription to a pool's change events, as admins see it (never its secret), with
 * its backlog: deliveries still to be sent and the parked ones ({@link Parked}, at most
 * {@link SubscriptionRepository#PARKED_SHOWN}).
 */
public record Subscription(String poolId, String id, String url, List<String> events, Instant createdAt,
        long pending, List<Parked> parked) {

    /** A delivery that failed its last attempt and waits for the admin. */
    public record Parked(String eventId, String sub, long version, int attempts, String lastError, Instant since) {
    }
}
