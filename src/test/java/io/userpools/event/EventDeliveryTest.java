package io.userpools.event;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Db;
import io.userpools.support.Scrape;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to a real HTTP endpoint in the test JVM, of entries written with SQL in real
 * transactions as the write paths write them.
 */
@QuarkusTest
class EventDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL = EventTypes.ALL;

    private static long committed(String poolId, UUID sub, long version, String kind, String changes) throws Exception {
        try (Connection db = Db.connect()) {
            return HistoryRows.insert(db, poolId, sub, "u-" + sub.toString().substring(0, 4), version, kind, changes);
        }
    }

    private static String name(String value) {
        return HistoryRows.attribute("name", value);
    }

    /** Waits up to 20 seconds for the condition. */
    private static void until(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited 20 s for a delivery").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The versions of {@code sub}'s events the subscriber acknowledged, in the order received. */
    private static List<Long> acknowledgedVersions(Subscriber subscriber, UUID sub) {
        return subscriber.received.stream().filter(r -> r.status() < 300)
                .map(r -> json(r.body())).filter(e -> e.get("user").get("sub").asText().equals(sub.toString()))
                .map(e -> e.get("version").asLong()).toList();
    }

    @Test
    void eachWantedEventArrivesOnceSignedWithTheSecretAndAsTheFeedShowsIt() throws Exception {
        String poolId = createPool();
        UUID before = UUID.randomUUID();
        committed(poolId, before, 1, "created", "{}");
        try (Subscriber subscriber = new Subscriber()) {
            SubscriptionResourceTest.subscribe(poolId, subscriber.url(), List.of("user.created", "user.attributes.changed"));
            UUID sub = UUID.randomUUID();
            long created = committed(poolId, sub, 1, "created", "{}");
            long changed = committed(poolId, sub, 2, "updated", name("Jane"));
            committed(poolId, sub, 3, "updated", "{\"password\": \"set\"}");
            committed(poolId, sub, 4, "updated", "{\"enabled\": {\"old\": true, \"new\": false}}");
            long last = committed(poolId, sub, 5, "updated", name("Janet"));
            until(() -> subscriber.acknowledged().size() >= 3);
            Thread.sleep(1500);
            assertThat(subscriber.acknowledged()).containsExactly("evt_" + created, "evt_" + changed, "evt_" + last);
            assertThat(subscriber.received).hasSize(3);
            List<JsonNode> feed = JSON.readTree(admin().when().get("/pools/{poolId}/events", poolId).then()
                    .statusCode(200).extract().asString()).get("events").findParents("id");
            for (Subscriber.Received r : subscriber.received) {
                // Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" with the whsec_ key
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(SubscriptionResourceTest.SECRET.substring(6)),
                        "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
                assertThat(r.signature()).isEqualTo(expected);
                assertThat(Math.abs(Long.parseLong(r.timestamp()) - System.currentTimeMillis() / 1000)).isLessThan(60);
                JsonNode event = json(r.body());
                assertThat(event.get("id").asText()).isEqualTo(r.id());
                assertThat(feed.stream().filter(e -> e.get("id").asText().equals(r.id())).findFirst().orElseThrow())
                        .isEqualTo(event);
            }
            admin().when().get("/pools/{poolId}/subscriptions", poolId).then()
                    .body("subscriptions[0].pending", equalTo(0));
        }
    }

    @Test
    void aUsersLaterEventWaitsUntilTheEarlierIsAcknowledgedWhileOtherUsersGoOn() throws Exception {
        String poolId = createPool();
        UUID slow = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (Subscriber subscriber = new Subscriber()) {
            AtomicInteger failures = new AtomicInteger();
            subscriber.answer = body -> body.contains(slow.toString()) && body.contains("\"version\":1")
                    && failures.getAndIncrement() < 2 ? 503 : 200;
            SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            committed(poolId, slow, 1, "created", "{}");
            committed(poolId, slow, 2, "updated", name("a"));
            committed(poolId, other, 1, "created", "{}");
            committed(poolId, slow, 3, "updated", name("b"));
            until(() -> acknowledgedVersions(subscriber, slow).size() == 3);
            assertThat(acknowledgedVersions(subscriber, slow)).containsExactly(1L, 2L, 3L);
            assertThat(acknowledgedVersions(subscriber, other)).containsExactly(1L);
            // nothing of the slow user's was even sent before its first event was acknowledged
            List<JsonNode> slowSends = subscriber.received.stream().map(r -> json(r.body()))
                    .filter(e -> e.get("user").get("sub").asText().equals(slow.toString())).toList();
            assertThat(slowSends.stream().map(e -> e.get("version").asLong())).containsExactly(1L, 1L, 1L, 2L, 3L);
        }
    }

    @Test
    void aChangeWrittenByAnOlderTransactionIsStillDeliveredInTheUsersOrder() throws Exception {
        String poolId = createPool();
        UUID sub = UUID.randomUUID();
        try (Subscriber subscriber = new Subscriber();
                Connection early = Db.connect(); Connection holder = Db.connect(); Connection later = Db.connect()) {
            SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            early.setAutoCommit(false);
            holder.setAutoCommit(false);
            later.setAutoCommit(false);
            // early takes the smallest id, holder the next; later writes version 1 and commits, then early
            // writes version 2: the feed shows version 2 first, and while holder is open, version 2 only
            HistoryRows.takeTransactionId(early);
            HistoryRows.takeTransactionId(holder);
            HistoryRows.insert(later, poolId, sub, "u", 1, "created", "{}");
            later.commit();
            HistoryRows.insert(early, poolId, sub, "u", 2, "updated", name("x"));
            early.commit();
            Thread.sleep(2000);
            assertThat(subscriber.received).as("version 2 waits for version 1, still hidden by an open transaction")
                    .isEmpty();
            holder.commit();
            until(() -> acknowledgedVersions(subscriber, sub).size() == 2);
            assertThat(acknowledgedVersions(subscriber, sub)).containsExactly(1L, 2L);
        }
    }

    @Test
    void anAcknowledgementThatIsNeverRecordedMeansTheEventComesAgainWithTheSameId() throws Exception {
        String poolId = createPool();
        UUID sub = UUID.randomUUID();
        try (Subscriber subscriber = new Subscriber()) {
            AtomicBoolean crashed = new AtomicBoolean();
            String subscription = SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            subscriber.answer = body -> {
                if (crashed.compareAndSet(false, true)) {
                    // the replica that sent this dies before recording the answer: its claim (attempt
                    // and lease) is all that is left of it, as if it had claimed the row and then died
                    try (Connection db = Db.connect(); PreparedStatement lost = db.prepareStatement(
                            "UPDATE event_deliveries SET attempts = attempts + 1, next_attempt_at = now() "
                                    + "+ interval '2 seconds' WHERE subscription_id = ?")) {
                        lost.setString(1, subscription);
                        lost.executeUpdate();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return 200;
            };
            long id = committed(poolId, sub, 1, "created", "{}");
            committed(poolId, sub, 2, "updated", name("after"));
            until(() -> subscriber.acknowledged().size() >= 3);
            Thread.sleep(1000);
            List<String> ids = subscriber.acknowledged();
            assertThat(ids.subList(0, 2)).containsExactly("evt_" + id, "evt_" + id);
            assertThat(ids).hasSize(3);
            assertThat(acknowledgedVersions(subscriber, sub)).containsExactly(1L, 1L, 2L);
        }
    }

    @Test
    void anAnswerLaterThanTheSendTimeoutCountsAsFailedSoTheEventComesAgainBeforeTheUsersNext() throws Exception {
        String poolId = createPool();
        UUID sub = UUID.randomUUID();
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Subscriber subscriber = new Subscriber()) {
            AtomicBoolean slow = new AtomicBoolean(true);
            subscriber.answer = body -> {
                arrivals.add(json(body).get("version").asLong());
                if (slow.compareAndSet(true, false)) {
                    // the subscriber takes the event but answers after the send timeout (5 s in tests)
                    try {
                        Thread.sleep(6500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return 200;
            };
            SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            long id = committed(poolId, sub, 1, "created", "{}");
            committed(poolId, sub, 2, "updated", name("next"));
            until(() -> subscriber.acknowledged().size() >= 3);
            Thread.sleep(1000);
            assertThat(arrivals).as("the first event twice, and the next only after it was acknowledged")
                    .containsExactly(1L, 1L, 2L);
            assertThat(subscriber.acknowledged()).hasSize(3).filteredOn(("evt_" + id)::equals).hasSize(2);
        }
    }

    @Test
    void aDeliveryThatKeepsFailingIsParkedHoldsItsUsersLaterEventsAndIsSentAgainOnRetry() throws Exception {
        String poolId = createPool();
        UUID failing = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        try (Subscriber subscriber = new Subscriber()) {
            AtomicBoolean down = new AtomicBoolean(true);
            subscriber.answer = body -> down.get() && body.contains(failing.toString()) ? 500 : 200;
            String subscription = SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            long first = committed(poolId, failing, 1, "created", "{}");
            committed(poolId, failing, 2, "updated", name("held"));
            committed(poolId, fine, 1, "created", "{}");
            until(() -> admin()
                    .get("/pools/{poolId}/subscriptions/{id}", poolId, subscription).jsonPath()
                    .getList("parked").size() == 1);
            admin().when().get("/pools/{poolId}/subscriptions/{id}", poolId, subscription).then().statusCode(200)
                    .body("parked[0].eventId", equalTo("evt_" + first))
                    .body("parked[0].sub", equalTo(failing.toString()))
                    .body("parked[0].attempts", equalTo(3))
                    .body("parked[0].lastError", equalTo("HTTP 500"))
                    .body("pending", equalTo(1));
            Thread.sleep(1000);
            assertThat(acknowledgedVersions(subscriber, fine)).containsExactly(1L);
            assertThat(subscriber.received.stream().filter(r -> r.body().contains(failing.toString())))
                    .as("three attempts of the first event, none of the held one").hasSize(3)
                    .allMatch(r -> r.id().equals("evt_" + first));
            down.set(false);
            admin().when().post("/pools/{poolId}/subscriptions/{id}/retry", poolId, subscription).then()
                    .statusCode(200).body("parked.size()", equalTo(0));
            until(() -> acknowledgedVersions(subscriber, failing).size() == 2);
            assertThat(acknowledgedVersions(subscriber, failing)).containsExactly(1L, 2L);
        }
    }

    @Test
    void aDestinationTheEgressRuleRefusesIsNeverCalledAndEndsParked() throws Exception {
        String poolId = createPool();
        try (Subscriber subscriber = new Subscriber()) {
            String subscription = SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            // the address changed after the subscription was made (as a DNS answer may): now a private one
            try (Connection db = Db.connect(); PreparedStatement moved = db.prepareStatement(
                    "UPDATE event_subscriptions SET url = 'http://10.9.8.7/hook' WHERE id = ?")) {
                moved.setString(1, subscription);
                moved.executeUpdate();
            }
            committed(poolId, UUID.randomUUID(), 1, "created", "{}");
            until(() -> admin()
                    .get("/pools/{poolId}/subscriptions/{id}", poolId, subscription).jsonPath()
                    .getList("parked").size() == 1);
            admin().when().get("/pools/{poolId}/subscriptions/{id}", poolId, subscription).then()
                    .body("parked[0].lastError", equalTo("refused by the webhook egress rule (userpools.webhooks.*)"));
            assertThat(subscriber.received).isEmpty();
        }
    }

    @Test
    void deliveryOutcomesCountAndTheGaugesShowTheQueue() throws Exception {
        String sent = "userpools_events_deliveries_total{outcome=\"sent\"}";
        String failed = "userpools_events_deliveries_total{outcome=\"failed\"}";
        String parked = "userpools_events_deliveries_total{outcome=\"parked\"}";
        double sentBefore = Scrape.value(sent);
        double failedBefore = Scrape.value(failed);
        double parkedBefore = Scrape.value(parked);
        String poolId = createPool();
        UUID failing = UUID.randomUUID();
        try (Subscriber subscriber = new Subscriber()) {
            subscriber.answer = body -> body.contains(failing.toString()) ? 500 : 200;
            String subscription = SubscriptionResourceTest.subscribe(poolId, subscriber.url(), ALL);
            committed(poolId, failing, 1, "created", "{}");
            committed(poolId, failing, 2, "updated", name("held"));
            committed(poolId, UUID.randomUUID(), 1, "created", "{}");
            until(() -> admin().get("/pools/{poolId}/subscriptions/{id}", poolId, subscription).jsonPath()
                    .getList("parked").size() == 1);
            until(() -> subscriber.acknowledged().size() == 1);
            // other tests' subscriptions may fail meanwhile (their endpoints are closed): at least ours
            assertThat(Scrape.value(sent) - sentBefore).isGreaterThanOrEqualTo(1);
            assertThat(Scrape.value(failed) - failedBefore).as("two attempts retried").isGreaterThanOrEqualTo(2);
            assertThat(Scrape.value(parked) - parkedBefore).as("the third parked").isGreaterThanOrEqualTo(1);
            // the gauges follow the table (all pools): our parked first event, and its held second one
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                long[] table = deliveryCounts();
                double pending = Scrape.value("userpools_events_pending");
                double parkedNow = Scrape.value("userpools_events_parked");
                if (pending == table[0] && parkedNow == table[1]) {
                    assertThat(pending).isGreaterThanOrEqualTo(1);
                    assertThat(parkedNow).isGreaterThanOrEqualTo(1);
                    break;
                }
                assertThat(System.nanoTime()).as("gauges %s/%s, table %s/%s", pending, parkedNow, table[0], table[1])
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    /** The deliveries of all pools: waiting, and parked. */
    private static long[] deliveryCounts() throws Exception {
        try (Connection db = Db.connect(); PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FILTER (WHERE NOT parked), count(*) FILTER (WHERE parked) FROM event_deliveries");
                java.sql.ResultSet rows = count.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }
}
