package io.userpools.history;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.userpools.common.PeriodicTask;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * Removes history entries older than {@link HistoryConfig#retention()}: on a periodic timer, one
 * run at a time per replica ({@link PeriodicTask}, as the session and sign-in failure removals
 * run), in statements of at most {@link HistoryConfig#purgeBatch()} entries and at most
 * {@link HistoryConfig#purgeBatches()} statements per run. Replicas running at once skip each
 * other's rows ({@code SKIP LOCKED}).
 */
@Singleton
public class HistoryPurge {

    private final HistoryRepository history;
    private final HistoryConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final PeriodicTask timer = new PeriodicTask("history", "entries past retention removed", this::purge);

    public HistoryPurge(HistoryRepository history, HistoryConfig config, Clock clock, Vertx vertx) {
        this.history = history;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer.start(vertx, config.purgeInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        timer.stop(vertx);
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
