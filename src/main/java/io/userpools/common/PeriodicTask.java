package io.userpools.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a background task on a periodic timer, one run at a time on this replica: a tick that comes
 * while a run is in progress is skipped, not queued, so a slow run is never joined by a second one.
 * A run answers how many rows it handled, which is logged at debug; a failed run logs only the
 * failure's class (never its message, which may carry a row's values) and ends like any other.
 * The first run is one interval after {@link #start}; none starts after {@link #stop}. The removals
 * of ended sessions, of history past retention and of stale sign-in failures run on it; the
 * dispatchers, which also run when nudged, on {@link RoundRunner}.
 */
public final class PeriodicTask {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    /** The shortest interval: a zero or tiny setting must not turn the timer into a busy loop. */
    static final long MIN_INTERVAL_MILLIS = 1000;

    private final String name;
    private final String counted;
    private final Supplier<Uni<Integer>> run;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped = true;
    private long timer = -1;

    /**
     * @param name    what runs, for the log ("sessions")
     * @param counted what a run's count is, for the log ("ended sessions removed")
     * @param run     one run; answers how many rows it handled
     */
    public PeriodicTask(String name, String counted, Supplier<Uni<Integer>> run) {
        this.name = name;
        this.counted = counted;
        this.run = run;
    }

    /** Starts the timer: a run every interval, at least {@value #MIN_INTERVAL_MILLIS} ms. */
    public void start(Vertx vertx, Duration interval) {
        start(vertx, intervalMillis(interval));
    }

    /** Starts the timer with any interval, for tests that cannot wait a second a tick. */
    void start(Vertx vertx, long intervalMillis) {
        stopped = false;
        timer = vertx.setPeriodic(intervalMillis, id -> tick());
    }

    /** Stops the timer; a run in progress ends, and no other starts. */
    public void stop(Vertx vertx) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    static long intervalMillis(Duration interval) {
        return Math.max(MIN_INTERVAL_MILLIS, interval.toMillis());
    }

    private void tick() {
        // a tick already queued when the timer was cancelled
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().<Integer>deferred(run::get).subscribe().with(count -> {
            running.set(false);
            LOG.debugf("%s: %d %s", name, count, counted);
        }, failure -> {
            running.set(false);
            LOG.warnf("%s: run failed: %s", name, failure.getClass().getSimpleName());
        });
    }
}
