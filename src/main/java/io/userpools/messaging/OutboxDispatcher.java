package io.userpools.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox holds: at start-up (rows left by a previous run), on a periodic timer, and
 * whenever a service nudges it after a commit. Each round claims due rows, sends them, deletes the
 * sent ones and reschedules failures with exponential backoff. Message texts and addresses are
 * never logged.
 */
@Singleton
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    private final OutboxRepository outbox;
    private final OutboxCrypto crypto;
    private final EmailSender email;
    private final SmsSender sms;
    private final OutboxConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public OutboxDispatcher(OutboxRepository outbox, OutboxCrypto crypto, EmailSender email, SmsSender sms,
            OutboxConfig config, Clock clock, Vertx vertx) {
        this.outbox = outbox;
        this.crypto = crypto;
        this.email = email;
        this.sms = sms;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        stopped = false;
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> nudge());
        nudge();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
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
        round().subscribe().with(more -> finish(more), failure -> {
            LOG.warnf("outbox round failed: %s", failure.getClass().getSimpleName());
            finish(false);
        });
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || again.get()) {
            nudge();
        }
    }

    /** One round; answers true when the batch was full and more may be due. */
    Uni<Boolean> round() {
        Instant now = clock.instant();
        return outbox.claim(now, config.lease(), config.batchSize()).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            List<Uni<Void>> sends = rows.stream().map(this::deliver).toList();
            return Uni.join().all(sends).andCollectFailures().replaceWith(rows.size() >= config.batchSize());
        });
    }

    private Uni<Void> deliver(OutboxRepository.Claimed row) {
        OutboxMessage message;
        try {
            message = crypto.open(row.poolId(), row.channel(), row.payload());
        } catch (GeneralSecurityException e) {
            return failed(row, "payload opens with no configured outbox key");
        }
        Uni<Void> send = row.channel() == DeliveryMedium.EMAIL ? email.send(message) : sms.send(message);
        return send.flatMap(ignored -> outbox.delete(row.id()))
                .onFailure().recoverWithUni(e -> failed(row, describe(e)));
    }

    private Uni<Void> failed(OutboxRepository.Claimed row, String error) {
        if (row.attempts() >= config.maxAttempts()) {
            LOG.errorf("outbox message %d (pool %s, %s) dropped after %d attempts: %s", row.id(), row.poolId(),
                    row.channel(), row.attempts(), error);
            return outbox.delete(row.id());
        }
        Instant next = clock.instant().plus(backoff(row.attempts(), config.retryBackoff(), config.maxBackoff()));
        LOG.warnf("outbox message %d (pool %s, %s) attempt %d failed: %s", row.id(), row.poolId(), row.channel(),
                row.attempts(), error);
        return outbox.retryAt(row.id(), next, error);
    }

    /** base * 2^(attempts - 1), at most {@code max}. */
    static Duration backoff(int attempts, Duration base, Duration max) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = base.multipliedBy(1L << shift);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
