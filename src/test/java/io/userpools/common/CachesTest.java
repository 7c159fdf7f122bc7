package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CachesTest {

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void entriesNotUsedForTheIdleTimeGoAndUsedOnesStay() {
        MovingClock clock = new MovingClock();
        Cache<String, String> cache = Caches.expiring(clock, Duration.ofMinutes(10), 1000);
        cache.put("idle", "a");
        cache.put("busy", "b");
        for (int minute = 0; minute < 12; minute++) {
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            assertThat(cache.getIfPresent("busy")).isEqualTo("b");
        }
        assertThat(cache.getIfPresent("idle")).isNull();
        cache.cleanUp();
        assertThat(cache.asMap()).containsOnlyKeys("busy");
    }

    @Test
    void atMostTheMaximumNumberOfEntriesStay() {
        Cache<Integer, Integer> cache = Caches.expiring(new MovingClock(), Duration.ofHours(1), 100);
        for (int i = 0; i < 1000; i++) {
            cache.put(i, i);
        }
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
    }

    @Test
    void freshEntriesGoAfterTheirTimeEvenWhenUsedAndAtMostTheMaximumStay() {
        MovingClock clock = new MovingClock();
        Cache<Integer, String> cache = Caches.fresh(clock, Duration.ofSeconds(5), 10);
        cache.put(0, "read");
        for (int second = 0; second < 4; second++) {
            clock.now = clock.now.plus(Duration.ofSeconds(1));
            assertThat(cache.getIfPresent(0)).isEqualTo("read");
        }
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(cache.getIfPresent(0)).isNull();
        for (int i = 0; i < 100; i++) {
            cache.put(i, "v");
        }
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(10);
    }
}
