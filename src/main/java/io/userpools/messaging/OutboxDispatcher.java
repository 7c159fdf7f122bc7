package io.userpools.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Backoff;
import io.userpools.common.Metrics;
import io.userpools.common.RoundRunner;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox holds: at start-up (rows left by a previous run), on a periodic timer, and
 * whenever a service nudges it after a commit, one round at a time ({@link RoundRunner}). Each
 * round claims due rows, sends them, deletes the sent ones and reschedules failures with
 * exponential backoff. Message texts and addresses are
 * never logged, nor stored as the row's last error.
 *
 * <p>A send never outlives the lease of its claim: it is cut off after
 * {@link OutboxConfig#sendTimeout()}, and never gets more than half of what is left of the lease,
 * which is at least twice the send timeout (checked at start-up). So its failure is recorded while
 * this replica still holds the row, and no other replica claims the row while a send of it runs
 * here. (A send that was cut off may still reach the recipient if the server accepted it already;
 * delivery is at least once.)
 *
 * <p>Metrics: each message sent counts in {@code userpools.codes.sent} (every outbox message
 * carries a verification code); each message dropped after its last attempt in
 * {@code userpools.outbox.dropped} and {@code userpools.codes.failed} (reason {@code delivery});
 * the periodic timer refreshes the gauge {@code userpools.outbox.backlog} from the table, which all
 * replicas share.
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
    private final Metrics metrics;
    private final RoundRunner rounds = new RoundRunner("outbox", this::round,
            failure -> failure.getClass().getSimpleName());

    public OutboxDispatcher(OutboxRepository outbox, OutboxCrypto crypto, EmailSender email, SmsSender sms,
            OutboxConfig config, Clock clock, Vertx vertx, Metrics metrics) {
        checkLease(config);
        this.outbox = outbox;
        this.crypto = crypto;
        this.email = email;
        this.sms = sms;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /**
     * @throws IllegalStateException when the lease is shorter than twice the send timeout, or
     *                               either is not positive
     */
    static void checkLease(OutboxConfig config) {
        Duration send = config.sendTimeout();
        if (send.isNegative() || send.isZero() || config.lease().compareTo(send.multipliedBy(2)) < 0) {
            throw new IllegalStateException("userpools.outbox.lease (" + config.lease()
                    + ") must be at least twice userpools.outbox.send-timeout (" + send
                    + "), and both positive: a send must end while its claim holds");
        }
    }

    void start(@Observes StartupEvent event) {
        rounds.start(vertx, config.pollInterval(), this::refreshBacklog);
    }

    /** Reads the number of queued messages (one count over the table) into the backlog gauge. */
    void refreshBacklog() {
        outbox.count().subscribe().with(metrics::outboxBacklog,
                failure -> LOG.debugf("outbox backlog not read: %s", failure.getClass().getSimpleName()));
    }

    void stop(@Observes ShutdownEvent event) {
        rounds.stop(vertx);
    }

    /** Starts a round now, or right after the one in progress. Never blocks. */
    public void nudge() {
        rounds.nudge();
    }

    /** One round; answers true when the batch was full and more may be due. */
    Uni<Boolean> round() {
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(config.lease());
        return outbox.claim(now, config.lease(), config.batchSize()).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            List<Uni<Void>> sends = rows.stream().map(row -> deliver(row, leaseEnd)).toList();
            return Uni.join().all(sends).andCollectFailures().replaceWith(rows.size() >= config.batchSize());
        });
    }

    private Uni<Void> deliver(OutboxRepository.Claimed row, Instant leaseEnd) {
        OutboxMessage message;
        try {
            message = crypto.open(row.poolId(), row.channel(), row.payload());
        } catch (GeneralSecurityException e) {
            return failed(row, "payload opens with no configured outbox key");
        }
        Duration limit = sendLimit(config.sendTimeout(), Duration.between(clock.instant(), leaseEnd));
        if (limit.isZero()) {
            // the claim ran out before the send could start: the row is claimed again later
            LOG.warnf("outbox message %d (pool %s, %s) not sent: its lease ran out", row.id(), row.poolId(),
                    row.channel());
            return Uni.createFrom().voidItem();
        }
        Uni<Void> send = Uni.createFrom().deferred(
                () -> row.channel() == DeliveryMedium.EMAIL ? email.send(message) : sms.send(message));
        return send.ifNoItem().after(limit).failWith(() -> new SendTimedOut(limit))
                .invoke(() -> metrics.codeSent(row.channel().name()))
                .flatMap(ignored -> outbox.delete(row.id()))
                .onFailure().recoverWithUni(e -> failed(row, describe(e)));
    }

    /** The time a send may take: the send timeout, but never more than half of what is left of the lease. */
    static Duration sendLimit(Duration sendTimeout, Duration leaseLeft) {
        Duration half = leaseLeft.dividedBy(2);
        if (half.isNegative() || half.isZero()) {
            return Duration.ZERO;
        }
        return half.compareTo(sendTimeout) < 0 ? half : sendTimeout;
    }

    /** A send cut off after its time limit. */
    static final class SendTimedOut extends RuntimeException {
        SendTimedOut(Duration limit) {
            super("send took longer than " + limit.toMillis() + " ms", null, false, false);
        }
    }

    private Uni<Void> failed(OutboxRepository.Claimed row, String error) {
        if (row.attempts() >= config.maxAttempts()) {
            LOG.errorf("outbox message %d (pool %s, %s) dropped after %d attempts", row.id(), row.poolId(),
                    row.channel(), row.attempts());
            metrics.outboxDropped(row.channel().name());
            metrics.codeFailed(row.channel().name(), "delivery");
            return outbox.delete(row.id());
        }
        Instant next = clock.instant().plus(Backoff.after(row.attempts(), config.retryBackoff(), config.maxBackoff()));
        LOG.warnf("outbox message %d (pool %s, %s) attempt %d failed: %s", row.id(), row.poolId(), row.channel(),
                row.attempts(), error);
        return outbox.retryAt(row.id(), next, error);
    }

    /**
     * What went wrong, for the log and the row's {@code last_error}: the failure's kind, and its
     * text only where that text is ours or a connection's (an SMTP server's answer may quote the
     * recipient, so only its reply code is kept).
     */
    static String describe(Throwable e) {
        String kind = e.getClass().getSimpleName();
        String text;
        if (e instanceof SMTPException smtp) {
            text = kind + ": reply " + smtp.getReplyCode();
        } else if ((e instanceof SendTimedOut || e instanceof SmsSender.GatewayFailure
                || e instanceof java.net.SocketException || e instanceof java.net.UnknownHostException)
                && e.getMessage() != null) {
            text = kind + ": " + e.getMessage();
        } else {
            text = kind;
        }
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
