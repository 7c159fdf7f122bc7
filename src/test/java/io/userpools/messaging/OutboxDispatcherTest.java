package io.userpools.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.userpools.common.Metrics;
import io.userpools.support.Api;
import io.userpools.support.Mailbox;
import io.userpools.support.Scrape;
import io.userpools.support.SmsGateway;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox: messages survive a stop between commit and send, failed sends are retried, a
 * message is dropped (counted, logged without its content) after its last attempt, a send is cut
 * off before its lease ends, and the backlog gauge follows the table. The tests that need other
 * limits than the application's run a dispatcher of their own on the same beans, with the
 * application's dispatcher stopped meanwhile.
 */
@QuarkusTest
class OutboxDispatcherTest {

    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    OutboxWriter writer;
    @Inject
    Pool sql;
    @Inject
    OutboxRepository repository;
    @Inject
    OutboxCrypto crypto;
    @Inject
    EmailSender email;
    @Inject
    SmsConfig smsConfig;
    @Inject
    OutboxConfig config;
    @Inject
    Clock clock;
    @Inject
    Vertx vertx;
    @Inject
    Metrics metrics;

    /** The application's outbox settings with another lease, send timeout, backoff and attempts. */
    private OutboxConfig tuned(Duration lease, Duration sendTimeout, int maxAttempts) {
        return new OutboxConfig() {
            public String encryptionKey() {
                return config.encryptionKey();
            }

            public Duration pollInterval() {
                return config.pollInterval();
            }

            public Duration lease() {
                return lease;
            }

            public Duration sendTimeout() {
                return sendTimeout;
            }

            public Duration retryBackoff() {
                return Duration.ofMillis(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(1);
            }

            public int maxAttempts() {
                return maxAttempts;
            }

            public int batchSize() {
                return config.batchSize();
            }
        };
    }

    /** An SMS sender whose own time limit is far away, so that only the dispatcher's can cut a send. */
    private SmsSender patientSms() {
        return new SmsSender(vertx, new SmsConfig() {
            public Optional<String> gatewayUrl() {
                return smsConfig.gatewayUrl();
            }

            public Optional<String> gatewayToken() {
                return smsConfig.gatewayToken();
            }

            public Duration timeout() {
                return Duration.ofMinutes(5);
            }
        });
    }

    private static String phone() {
        return "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
    }

    private Row row(String poolId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sql.preparedQuery(
                "SELECT attempts, last_error FROM outbox WHERE pool_id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(poolId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null));
    }

    private void queueSms(String poolId, String to, String body) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> sql.withTransaction(tx -> writer.write(tx, poolId,
                DeliveryMedium.SMS, new OutboxMessage(to, null, null, body))));
    }

    @Test
    void aMessageWhoseSendsAlwaysFailIsDroppedAfterItsLastAttemptCountedAndLoggedWithoutItsContent()
            throws Throwable {
        String poolId = Api.createPool();
        String phone = phone();
        SmsGateway.FAILING.add(phone);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        double dropped = Scrape.value("userpools_outbox_dropped_total{channel=\"SMS\"}");
        double failed = Scrape.value("userpools_codes_failed_total{medium=\"SMS\",reason=\"delivery\"}");
        SmsSender sms = patientSms();
        OutboxDispatcher own = new OutboxDispatcher(repository, crypto, email, sms,
                tuned(Duration.ofSeconds(30), Duration.ofSeconds(10), 3), clock, vertx, metrics);
        dispatcher.stop(new ShutdownEvent());
        Logger.getLogger("").addHandler(capture);
        try {
            queueSms(poolId, phone, "Your code is 737373");
            for (int attempt = 1; attempt <= 3; attempt++) {
                Mailbox.sleep(5); // the 1 ms backoff
                VertxContextSupport.subscribeAndAwait(own::round);
                assertThat(SmsGateway.calls(phone)).isEqualTo(attempt);
                if (attempt < 3) {
                    assertThat(row(poolId).getInteger("attempts")).isEqualTo(attempt);
                    assertThat(row(poolId).getString("last_error")).isEqualTo("GatewayFailure: SMS gateway answered HTTP 503");
                }
            }
            assertThat(row(poolId)).as("the dropped message is gone").isNull();
        } finally {
            Logger.getLogger("").removeHandler(capture);
            dispatcher.start(new StartupEvent());
            SmsGateway.FAILING.remove(phone);
            sms.close();
        }
        assertThat(SmsGateway.to(phone)).isEmpty();
        assertThat(Scrape.value("userpools_outbox_dropped_total{channel=\"SMS\"}")).isEqualTo(dropped + 1);
        assertThat(Scrape.value("userpools_codes_failed_total{medium=\"SMS\",reason=\"delivery\"}"))
                .isEqualTo(failed + 1);
        List<String> drop = lines.stream().filter(line -> line.contains("dropped")).toList();
        assertThat(drop).hasSize(1);
        assertThat(drop.get(0)).matches("outbox message [0-9]+ \\(pool " + poolId + ", SMS\\) dropped after 3 attempts");
        assertThat(lines).noneMatch(line -> line.contains(phone) || line.contains("737373"));
    }

    @Test
    void aSendThatHangsLongerThanTheLeaseIsCutOffBeforeTheLeaseEnds() throws Throwable {
        String poolId = Api.createPool();
        String phone = phone();
        Duration lease = Duration.ofSeconds(4);
        SmsGateway.HANGING.put(phone, 3 * lease.toMillis());
        SmsSender sms = patientSms();
        OutboxDispatcher own = new OutboxDispatcher(repository, crypto, email, sms,
                tuned(lease, Duration.ofSeconds(1), 12), clock, vertx, metrics);
        dispatcher.stop(new ShutdownEvent());
        try {
            queueSms(poolId, phone, "Your code is 828282");
            long start = System.nanoTime();
            VertxContextSupport.subscribeAndAwait(own::round);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(SmsGateway.calls(phone)).as("the gateway got the call").isEqualTo(1);
            assertThat(took).as("the round ended with the send cut off").isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                    .isLessThan(lease);
            Row row = row(poolId);
            assertThat(row.getInteger("attempts")).isEqualTo(1);
            assertThat(row.getString("last_error")).isEqualTo("SendTimedOut: send took longer than 1000 ms");
        } finally {
            dispatcher.start(new StartupEvent());
            SmsGateway.HANGING.remove(phone);
            sms.close();
        }
    }

    @Test
    void aSendNeverGetsMoreThanHalfOfWhatIsLeftOfItsLease() {
        Duration timeout = Duration.ofSeconds(30);
        assertThat(OutboxDispatcher.sendLimit(timeout, Duration.ofMinutes(1))).isEqualTo(timeout);
        assertThat(OutboxDispatcher.sendLimit(timeout, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(10));
        assertThat(OutboxDispatcher.sendLimit(timeout, Duration.ZERO)).isZero();
        assertThat(OutboxDispatcher.sendLimit(timeout, Duration.ofSeconds(-5))).isZero();
    }

    @Test
    void startUpRefusesALeaseShorterThanTwiceTheSendTimeout() {
        assertThatThrownBy(() -> OutboxDispatcher.checkLease(tuned(Duration.ofSeconds(59), Duration.ofSeconds(30), 12)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("userpools.outbox.lease").hasMessageContaining("userpools.outbox.send-timeout");
        assertThatThrownBy(() -> OutboxDispatcher.checkLease(tuned(Duration.ofSeconds(60), Duration.ZERO, 12)))
                .isInstanceOf(IllegalStateException.class);
        OutboxDispatcher.checkLease(tuned(Duration.ofSeconds(60), Duration.ofSeconds(30), 12));
        OutboxDispatcher.checkLease(config);
    }

    @Test
    void theBacklogGaugeFollowsTheTable() throws Throwable {
        String poolId = Api.createPool();
        // messages not due for an hour: nobody sends them while the test looks
        VertxContextSupport.subscribeAndAwait(() -> sql.withTransaction(tx -> {
            io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (int n = 0; n < 5; n++) {
                chain = chain.flatMap(v -> writer.write(tx, poolId, DeliveryMedium.SMS,
                        new OutboxMessage(phone(), null, null, "later")));
            }
            return chain.flatMap(v -> tx.preparedQuery("UPDATE outbox SET next_attempt_at = now() + interval '1 hour' "
                    + "WHERE pool_id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(poolId)).replaceWithVoid());
        }));
        long before;
        try {
            before = awaitGaugeMatchingTable();
            assertThat(before).isGreaterThanOrEqualTo(5);
        } finally {
            VertxContextSupport.subscribeAndAwait(() -> sql.preparedQuery("DELETE FROM outbox WHERE pool_id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(poolId)));
        }
        // other tests' messages may have been sent meanwhile, and nothing else queues any
        assertThat(awaitGaugeMatchingTable()).isLessThanOrEqualTo(before - 5);
    }

    /** Waits (up to 15 s; the test profile polls every second) until the gauge shows the table's count. */
    private long awaitGaugeMatchingTable() throws Throwable {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            long table = VertxContextSupport.subscribeAndAwait(repository::count);
            double gauge = Scrape.value("userpools_outbox_backlog");
            if (gauge == table) {
                return table;
            }
            assertThat(System.currentTimeMillis()).as("gauge %s, table %s", gauge, table).isLessThan(deadline);
            Mailbox.sleep(200);
        }
    }

    private static Handler capture(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void messagePendingAtShutdownIsSentAfterTheNextStart() throws Throwable {
        String poolId = Api.createPool();
        String address = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        dispatcher.stop(new ShutdownEvent());
        try {
            VertxContextSupport.subscribeAndAwait(() -> sql.withTransaction(tx -> writer.write(tx, poolId,
                    DeliveryMedium.EMAIL, new OutboxMessage(address, null, "Left over", "Your code is 424242"))));
            Mailbox.sleep(2500);
            assertThat(Mailbox.to(address)).as("nothing dispatches while stopped").isEmpty();
            Long queued = VertxContextSupport.subscribeAndAwait(() -> sql.query("SELECT count(*) FROM outbox "
                    + "WHERE pool_id = '" + poolId + "'").execute().map(rows -> rows.iterator().next().getLong(0)));
            assertThat(queued).isEqualTo(1);
        } finally {
            dispatcher.start(new StartupEvent());
        }
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Left over");
        assertThat(mail.body()).isEqualTo("Your code is 424242");
        assertThat(mail.from()).isEqualTo("noreply@userpools.test");
        long deadline = System.currentTimeMillis() + 5000;
        long left;
        do {
            Mailbox.sleep(100);
            left = VertxContextSupport.subscribeAndAwait(() -> sql.query("SELECT count(*) FROM outbox WHERE pool_id = '"
                    + poolId + "'").execute().map(rows -> rows.iterator().next().getLong(0)));
        } while (left > 0 && System.currentTimeMillis() < deadline);
        assertThat(left).as("the sent row is deleted").isZero();
    }

    @Test
    void failedSendIsRetriedWithBackoff() throws Throwable {
        String poolId = Api.createPool();
        String phone = "+1444" + (1_000_000 + (int) (Math.random() * 8_999_999));
        SmsGateway.FAILURES_TO_COME.set(2);
        VertxContextSupport.subscribeAndAwait(() -> sql.withTransaction(tx -> writer.write(tx, poolId,
                DeliveryMedium.SMS, new OutboxMessage(phone, null, null, "Code 515151"))));
        dispatcher.nudge();
        SmsGateway.Sms sms = SmsGateway.await(phone, 1);
        assertThat(sms.message()).isEqualTo("Code 515151");
        assertThat(SmsGateway.FAILURES_TO_COME.get()).isZero();
    }
}
