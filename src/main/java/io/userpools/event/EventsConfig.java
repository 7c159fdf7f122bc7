package io.userpools.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Change-event subscriptions and their delivery ({@code userpools.events.*}). */
@ConfigMapping(prefix = "userpools.events")
public interface EventsConfig {

    /** How often each replica's dispatcher turns new events into deliveries and sends what is due. */
    @WithDefault("PT2S")
    Duration pollInterval();

    /** Feed entries a subscription takes per round. */
    @WithDefault("200")
    int feedBatch();

    /** Deliveries claimed per round. */
    @WithDefault("50")
    int sendBatch();

    /**
     * How long a claimed delivery stays invisible to other dispatchers while it is sent: at least
     * twice {@link #sendTimeout()} (start-up fails otherwise). A replica that dies mid-send leaves
     * the delivery to be sent again when the lease ends.
     */
    @WithDefault("PT1M")
    Duration lease();

    /** The longest a subscriber may take to answer; longer counts as a failed attempt. */
    @WithDefault("PT10S")
    Duration sendTimeout();

    /** The first retry delay; each further failure doubles it, up to {@link #maxBackoff()}. */
    @WithDefault("PT5S")
    Duration retryBackoff();

    /** The longest delay between two attempts. */
    @WithDefault("PT15M")
    Duration maxBackoff();

    /**
     * Attempts after which a delivery is parked: no longer tried, shown by the subscription, and
     * holding that user's later events until the admin retries it.
     */
    @WithDefault("10")
    int maxAttempts();

    /**
     * Accept {@code http://} subscription URLs besides {@code https://}. Off by default; the dev and
     * test profiles turn it on for endpoints on loopback.
     */
    @WithDefault("false")
    boolean allowPlainHttp();

    /** Subscriptions a pool may have. */
    @WithDefault("20")
    int maxSubscriptions();
}
