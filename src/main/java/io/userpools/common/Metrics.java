package io.userpools.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter of the service, in one place, published in Prometheus' format at {@code /q/metrics}.
 * Names use dots here and underscores there ({@code userpools.requests} becomes
 * {@code userpools_requests_seconds_count}). Tags never carry user data: operations, pools' ids,
 * categories and fixed outcome words only.
 */
@Singleton
public class Metrics {

    /** The operations that change a user's attributes, counted by {@code userpools.attribute.updates}. */
    static final Set<String> ATTRIBUTE_UPDATES = Set.of("adminUpdateUserAttributes", "updateUserAttributes",
            "adminDeleteUserAttributes", "deleteUserAttributes", "verifyUserAttribute");

    private final MeterRegistry registry;
    private final AtomicLong outboxBacklog = new AtomicLong();
    private final AtomicLong eventsPending = new AtomicLong();
    private final AtomicLong eventsParked = new AtomicLong();
    private final DistributionSummary writeBatches;
    private final Counter sessionsPurged;
    /** The request timers by operation and status: built once, not on every request. */
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("userpools.outbox.backlog", outboxBacklog);
        Gauge.builder("userpools.events.pending", eventsPending, AtomicLong::get)
                .description("Change-event deliveries waiting to be sent (due, retrying or in flight), all pools")
                .register(registry);
        Gauge.builder("userpools.events.parked", eventsParked, AtomicLong::get)
                .description("Change-event deliveries parked after their last attempt, all pools").register(registry);
        writeBatches = DistributionSummary.builder("userpools.attribute.write.batch")
                .description("Fast-path attribute writes stored per statement (more than one when "
                        + "concurrent writes to one user were combined)")
                .register(registry);
        sessionsPurged = Counter.builder("userpools.sessions.purged")
                .description("Sessions removed a day after they expired or were revoked, all pools").register(registry);
    }

    /**
     * One answered request: {@code userpools.requests} (a timer: count, sum and max per operation and
     * status), and {@code userpools.attribute.updates} for a successful attribute change.
     */
    public void request(String operation, int status, long nanos) {
        requestTimers.computeIfAbsent(operation + ' ' + status, key -> Timer.builder("userpools.requests")
                .description("Answered requests per Cognito operation")
                .tag("operation", operation).tag("status", Integer.toString(status))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        if (status >= 200 && status < 300 && ATTRIBUTE_UPDATES.contains(operation)) {
            counter("userpools.attribute.updates", "Successful attribute changes", "operation", operation).increment();
        }
    }

    /** A verification code was handed to the sender: {@code userpools.codes.sent}. medium: EMAIL or SMS. */
    public void codeSent(String medium) {
        counter("userpools.codes.sent", "Verification codes delivered", "medium", medium).increment();
    }

    /**
     * A verification code could not be delivered: {@code userpools.codes.failed}.
     *
     * @param reason a fixed word such as {@code delivery}, {@code trigger}, {@code configuration}
     */
    public void codeFailed(String medium, String reason) {
        Counter.builder("userpools.codes.failed").description("Verification codes not delivered")
                .tag("medium", medium).tag("reason", reason).register(registry).increment();
    }

    /**
     * One call of the custom message trigger: {@code userpools.trigger.calls}.
     *
     * @param outcome {@code ok}, {@code vetoed}, {@code invalid}, {@code timeout}, {@code refused} or {@code failed}
     */
    public void triggerOutcome(String outcome) {
        counter("userpools.trigger.calls", "Custom message trigger calls by outcome", "outcome", outcome).increment();
    }

    /** The number of outbox rows waiting to be sent, as last seen by the dispatcher. */
    public void outboxBacklog(long rows) {
        outboxBacklog.set(rows);
    }

    /** An outbox message dropped after its last attempt: {@code userpools.outbox.dropped}. channel: EMAIL or SMS. */
    public void outboxDropped(String channel) {
        counter("userpools.outbox.dropped", "Outbox messages dropped after their last attempt", "channel", channel)
                .increment();
    }

    /**
     * One attempt to deliver a change event: {@code userpools.events.deliveries}.
     *
     * @param outcome {@code sent} (answered 2xx), {@code failed} (to be retried), {@code parked}
     *                (failed its last attempt) or {@code dropped} (its history entry was gone)
     */
    public void eventDelivery(String outcome) {
        counter("userpools.events.deliveries", "Change-event delivery attempts by outcome", "outcome", outcome)
                .increment();
    }

    /** The numbers of waiting and parked change-event deliveries, as last counted by the dispatcher. */
    public void eventDeliveriesWaiting(long pending, long parked) {
        eventsPending.set(pending);
        eventsParked.set(parked);
    }

    /** One statement of the attribute fast path, storing this many writes. */
    public void attributeWriteBatch(int writes) {
        writeBatches.record(writes);
    }

    /** A request refused by a rate limit: {@code userpools.rate_limit.rejections}. */
    public void rateLimited(String category, String operation) {
        Counter.builder("userpools.rate_limit.rejections").description("Requests refused with TooManyRequestsException")
                .tag("category", category).tag("operation", operation).register(registry).increment();
    }

    /**
     * One password check at sign-in: {@code userpools.sign_in.password_checks}.
     *
     * @param outcome {@code match}, {@code mismatch}, {@code no_password} and {@code unknown_user}
     *                (both checked against the dummy hash), or {@code locked_out} (refused unchecked)
     */
    public void passwordCheck(String outcome) {
        counter("userpools.sign_in.password_checks", "Password checks at sign-in by outcome", "outcome", outcome)
                .increment();
    }

    /** Sessions removed by the periodic removal of ended sessions: {@code userpools.sessions.purged}. */
    public void sessionsPurged(int sessions) {
        sessionsPurged.increment(sessions);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return counters.computeIfAbsent(name + ' ' + tag + '=' + value,
                key -> Counter.builder(name).description(description).tag(tag, value).register(registry));
    }
}
