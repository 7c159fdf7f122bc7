package io.userpools.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * In-memory per-pool state (rate-limit buckets, signing keys, pools) lives in bounded caches:
 * an entry not used for {@code idle} goes, and at most {@code maxEntries} stay, so memory follows
 * the pools in use rather than every pool this replica has ever seen. Time comes from the
 * service's {@link Clock}. Caffeine evicts on later reads and writes, not on a thread of its own.
 */
public final class Caches {

    private Caches() {
    }

    public static <K, V> Cache<K, V> expiring(Clock clock, Duration idle, long maxEntries) {
        return bounded(clock, maxEntries).expireAfterAccess(idle).build();
    }

    /**
     * Like {@link #expiring}, but an entry goes {@code ttl} after it was stored, used or not: for
     * values read from the database that must be read again now and then.
     */
    public static <K, V> Cache<K, V> fresh(Clock clock, Duration ttl, long maxEntries) {
        return bounded(clock, maxEntries).expireAfterWrite(ttl).build();
    }

    private static Caffeine<Object, Object> bounded(Clock clock, long maxEntries) {
        return Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .maximumSize(maxEntries);
    }
}
