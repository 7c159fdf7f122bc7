package io.userpools.history;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Removes history entries older than {@link HistoryConfig#retention()}: on a periodic timer (as the
 * outbox dispatcher and the sign-in failure purge run), one run at a time per replica, in
 * statements of at most {@link HistoryConfig#purgeBatch()} entries and at most
 * {@link HistoryConfig#purgeBatches()} statements per run. Replicas running at once skip each
 * other's rows ({@code SKIP LOCKED}).
 */
@Singleton
public class HistoryPurge {

    private static final Logger LOG = Logger.getLogger(HistoryPurge.class);

    private final HistoryRepository history;
    private final HistoryConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public HistoryPurge(HistoryRepository history, HistoryConfig config, Clock clock, Vertx vertx) {
        this.history = history;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(1000, config.purgeInterval().toMillis()), id -> {
            if (running.compareAndSet(false, true)) {
                purge().subscribe().with(deleted -> {
                    running.set(false);
                    LOG.debugf("history: %d entries past retention removed", deleted);
                }, failure -> {
                    running.set(false);
                    LOG.warnf("history: removal failed: %s", failure.getClass().getSimpleName());
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * One run: removes entries older than the retention, a batch at a time, until a batch comes
     * back short or the run's statements are used up.
     *
     * @return how many entries were removed
     */
    public Uni<Integer> purge() {
        Instant cutoff = clock.instant().minus(config.retention());
        return purge(cutoff, Math.max(1, config.purgeBatch()), Math.max(1, config.purgeBatches()));
    }

    private Uni<Integer> purge(Instant cutoff, int batch, int statementsLeft) {
        return history.purge(cutoff, batch).chain(deleted -> deleted < batch || statementsLeft <= 1
                ? Uni.createFrom().item(deleted)
                : purge(cutoff, batch, statementsLeft - 1).map(more -> deleted + more));
    }
}
