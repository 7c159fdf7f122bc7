package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry delay both dispatchers use. */
class BackoffTest {

    @Test
    void backoffDoublesUpToTheMaximum() {
        Duration base = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(15);
        assertThat(Backoff.after(1, base, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.after(2, base, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.after(4, base, max)).isEqualTo(Duration.ofSeconds(40));
        assertThat(Backoff.after(40, base, max)).isEqualTo(max);
    }

    @Test
    void aFirstOrUncountedAttemptWaitsTheBaseDelay() {
        Duration base = Duration.ofMillis(1);
        assertThat(Backoff.after(0, base, Duration.ofHours(1))).isEqualTo(base);
        assertThat(Backoff.after(-3, base, Duration.ofHours(1))).isEqualTo(base);
    }
}
