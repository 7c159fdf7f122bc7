package io.userpools.common;

import java.time.Duration;

/**
 * The retry delay of the background workers that run on {@link RoundRunner}: the outbox
 * dispatcher and the change-event dispatcher reschedule a failed attempt after it.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * Exponential backoff: {@code base * 2^(attempts - 1)}, at most {@code max}. An attempt count
     * below 1 counts as 1; the doubling stops at 2^30, so it never overflows.
     */
    public static Duration after(int attempts, Duration base, Duration max) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = base.multipliedBy(1L << shift);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
