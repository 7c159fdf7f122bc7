package io.userpools.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a background worker's rounds one at a time on this replica: on a periodic timer, and
 * whenever something nudges it (a service after a commit). A nudge during a round asks for
 * another right after it, so work committed meanwhile is never left for the next tick; a round
 * that answers true (its batch was full, more may be due) is followed by another at once. A failed
 * round is logged and ends like an empty one. Nothing runs before {@link #start} or after
 * {@link #stop}. The outbox and the change-event dispatchers run on it.
 */
public final class RoundRunner {

    private static final Logger LOG = Logger.getLogger(RoundRunner.class);

    private final String name;
    private final Supplier<Uni<Boolean>> round;
    private final Function<Throwable, String> describe;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped = true;
    private long timer = -1;

    /**
     * @param name     what runs, for the log ("outbox")
     * @param round    one round; answers true when more may be due at once
     * @param describe what a failed round logs: never a message's text, an address or a secret
     */
    public RoundRunner(String name, Supplier<Uni<Boolean>> round, Function<Throwable, String> describe) {
        this.name = name;
        this.round = round;
        this.describe = describe;
    }

    /** Starts the timer (each tick runs {@code tick}, then nudges) and a first round now. */
    public void start(Vertx vertx, Duration interval, Runnable tick) {
        stopped = false;
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            tick.run();
            nudge();
        });
        tick.run();
        nudge();
    }

    /** Stops the timer; a round in progress ends, and no other starts. */
    public void stop(Vertx vertx) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Starts a round now, or right after the one in progress. Never blocks. */
    public void nudge() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        Uni.createFrom().<Boolean>deferred(round::get).subscribe().with(this::finish, failure -> {
            LOG.warnf("%s round failed: %s", name, describe.apply(failure));
            finish(false);
        });
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || again.get()) {
            nudge();
        }
    }
}
