package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The single-flight round loop of the dispatchers, with rounds the test ends by hand. */
class RoundRunnerTest {

    @Test
    void roundsRunOneAtATimeANudgeMeanwhileAsksForOneMoreAndNothingRunsBeforeStartOrAfterStop() {
        Vertx vertx = Vertx.vertx();
        try {
            List<UniEmitter<? super Boolean>> rounds = new CopyOnWriteArrayList<>();
            AtomicInteger ticks = new AtomicInteger();
            RoundRunner runner = new RoundRunner("test", () -> Uni.createFrom().emitter(rounds::add),
                    Throwable::toString);
            runner.nudge();
            assertThat(rounds).as("not started").isEmpty();

            runner.start(vertx, Duration.ofHours(1), ticks::incrementAndGet);
            assertThat(ticks).hasValue(1);
            assertThat(rounds).hasSize(1);
            runner.nudge();
            runner.nudge();
            assertThat(rounds).as("never two at once").hasSize(1);
            rounds.get(0).complete(false);
            assertThat(rounds).as("the nudges meanwhile make one more round").hasSize(2);
            rounds.get(1).complete(false);
            assertThat(rounds).as("and only one").hasSize(2);

            runner.nudge();
            rounds.get(2).complete(true);
            assertThat(rounds).as("a full batch is followed by another round at once").hasSize(4);
            rounds.get(3).fail(new IllegalStateException("database gone"));
            assertThat(rounds).as("a failed round ends like an empty one").hasSize(4);
            runner.nudge();
            assertThat(rounds).as("and the next nudge runs again").hasSize(5);
            rounds.get(4).complete(false);

            runner.stop(vertx);
            runner.nudge();
            assertThat(rounds).as("stopped").hasSize(5);
        } finally {
            vertx.closeAndAwait();
        }
    }
}
