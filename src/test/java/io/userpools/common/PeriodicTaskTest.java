package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The single-flight timer of the purges, with a short interval and runs the test ends by hand. */
class PeriodicTaskTest {

    private static final long TICK = 20;

    @Test
    void runsNeverOverlapAFailureEndsARunAndNothingRunsAfterStop() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            List<UniEmitter<? super Integer>> runs = new CopyOnWriteArrayList<>();
            PeriodicTask task = new PeriodicTask("test", "rows", () -> Uni.createFrom().emitter(runs::add));
            task.start(vertx, TICK);
            await(runs, 1);
            Thread.sleep(TICK * 10);
            assertThat(runs).as("the ticks during a run are skipped").hasSize(1);

            runs.get(0).complete(3);
            await(runs, 2);
            Thread.sleep(TICK * 10);
            assertThat(runs).as("one run after the other").hasSize(2);

            runs.get(1).fail(new IllegalStateException("database gone"));
            await(runs, 3);

            // stopped while a run is in progress: it ends, and no other starts
            task.stop(vertx);
            runs.get(2).complete(0);
            Thread.sleep(TICK * 10);
            assertThat(runs).as("stopped").hasSize(3);
        } finally {
            vertx.closeAndAwait();
        }
    }

    @Test
    void theIntervalIsAtLeastASecond() {
        assertThat(PeriodicTask.intervalMillis(Duration.ZERO)).isEqualTo(PeriodicTask.MIN_INTERVAL_MILLIS);
        assertThat(PeriodicTask.intervalMillis(Duration.ofMillis(10))).isEqualTo(1000);
        assertThat(PeriodicTask.intervalMillis(Duration.ofHours(24))).isEqualTo(86_400_000);
    }

    private static void await(List<?> runs, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (runs.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(TICK);
        }
        assertThat(runs).hasSize(size);
    }
}
