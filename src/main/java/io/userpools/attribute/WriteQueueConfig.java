package io.userpools.attribute;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many fast-path attribute writes ({@link MergeLanes}) one replica holds in memory. A write
 * beyond a bound is refused at once, before anything is stored, never queued without limit.
 */
@ConfigMapping(prefix = "userpools.attribute-writes.queue")
public interface WriteQueueConfig {

    /**
     * Writes to one user that may wait while one of its writes is in flight. One more is that
     * caller's own burst: 429 {@code TooManyRequestsException} "Rate exceeded" with
     * {@code Retry-After}.
     */
    @WithDefault("64")
    int perUser();

    /**
     * Fast-path writes of every user held by this replica at once, in flight or waiting. One more
     * answers 503 {@code ServiceUnavailableException} with {@code Retry-After}.
     */
    @WithDefault("4096")
    int total();

    /** The {@code Retry-After} of those answers (whole seconds, at least one). */
    @WithDefault("PT1S")
    Duration retryAfter();
}
