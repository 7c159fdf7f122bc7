package io.userpools.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.userpools.support.Api;
import io.userpools.support.Mailbox;
import io.userpools.support.SmsGateway;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox: messages survive a stop between commit and send, and failed sends are retried. */
@QuarkusTest
class OutboxDispatcherTest {

    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    OutboxWriter writer;
    @Inject
    Pool sql;

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

    @Test
    void backoffDoublesUpToTheMaximum() {
        Duration base = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(15);
        assertThat(OutboxDispatcher.backoff(1, base, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(OutboxDispatcher.backoff(2, base, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(OutboxDispatcher.backoff(4, base, max)).isEqualTo(Duration.ofSeconds(40));
        assertThat(OutboxDispatcher.backoff(40, base, max)).isEqualTo(max);
    }
}
