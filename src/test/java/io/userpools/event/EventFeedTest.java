package io.userpools.event;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feed over entries written with SQL in real transactions, as the write paths write them. */
@QuarkusTest
class EventFeedTest {

    private static JsonPath page(String poolId, String after, Integer limit) {
        var request = admin();
        if (after != null) {
            request = request.queryParam("after", after);
        }
        if (limit != null) {
            request = request.queryParam("limit", limit);
        }
        return request.when().get("/pools/{poolId}/events", poolId).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    private static List<Long> ids(JsonPath page) {
        return page.getList("events.id", String.class).stream().map(id -> Long.parseLong(id.substring(4))).toList();
    }

    private static long committed(String poolId, UUID sub, long version, String kind, String changes)
            throws SQLException {
        try (Connection db = Db.connect()) {
            return HistoryRows.insert(db, poolId, sub, "jane", version, kind, changes);
        }
    }

    @Test
    void anEntryIsAnEventWithItsTypesUserVersionActorAndChanges() throws SQLException {
        String poolId = createPool();
        UUID sub = UUID.randomUUID();
        long id = committed(poolId, sub, 3, "updated",
                "{\"attributes\": {\"email_verified\": {\"old\": \"false\", \"new\": \"true\"}}}");
        admin().when().get("/pools/{poolId}/events", poolId).then().statusCode(200)
                .body("events.size()", equalTo(1))
                .body("events[0].id", equalTo("evt_" + id))
                .body("events[0].types", equalTo(List.of("user.attributes.changed", "user.attribute.verified")))
                .body("events[0].pool", equalTo(poolId))
                .body("events[0].user.sub", equalTo(sub.toString()))
                .body("events[0].user.username", equalTo("jane"))
                .body("events[0].version", equalTo(3))
                .body("events[0].operation", equalTo("AdminUpdateUserAttributes"))
                .body("events[0].requestId", equalTo("req-1"))
                .body("events[0].actor.type", equalTo("admin"))
                .body("events[0].actor.keyId", equalTo("test"))
                .body("events[0].changes.attributes.email_verified.new", equalTo("true"))
                .body("events[0].time", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void theOrderIsByTransactionIdAsANumberNotAsText() throws SQLException {
        String poolId = createPool();
        UUID sub = UUID.randomUUID();
        // two entries of long-ended transactions whose ids differ in their number of digits, the
        // larger one written first: 99 sorts before 100, as a number (both below the xid of any
        // transaction a fresh cluster runs after initdb, so both are below the feed's horizon)
        List<Long> ids = new ArrayList<>();
        try (Connection db = Db.connect(); java.sql.PreparedStatement insert = db.prepareStatement(
                "INSERT INTO user_history (pool_id, sub, username, version, kind, operation, actor, changed_at, tx) "
                        + "VALUES (?, ?, 'jane', ?, 'updated', 'AdminUpdateUserAttributes', '{}'::jsonb, now(), "
                        + "?::text::xid8) RETURNING id")) {
            for (String tx : List.of("100", "99")) {
                insert.setString(1, poolId);
                insert.setObject(2, sub);
                insert.setLong(3, ids.size() + 1);
                insert.setString(4, tx);
                try (java.sql.ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    ids.add(rows.getLong(1));
                }
            }
        }
        assertThat(ids(page(poolId, null, null))).containsExactly(ids.get(1), ids.get(0));
        JsonPath first = page(poolId, null, 1);
        assertThat(ids(first)).containsExactly(ids.get(1));
        assertThat(ids(page(poolId, first.getString("cursor"), 1))).containsExactly(ids.get(0));
    }

    @Test
    void pagesFollowTheCursorWithoutGapOrRepeatAndAnEmptyPageKeepsIt() throws SQLException {
        String poolId = createPool();
        String otherPool = createPool();
        UUID sub = UUID.randomUUID();
        List<Long> written = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            written.add(committed(poolId, sub, version, "updated", HistoryRows.attribute("name", "v" + version)));
            committed(otherPool, sub, version, "updated", HistoryRows.attribute("name", "other"));
        }
        JsonPath first = page(poolId, null, 2);
        JsonPath second = page(poolId, first.getString("cursor"), 2);
        JsonPath third = page(poolId, second.getString("cursor"), 2);
        JsonPath empty = page(poolId, third.getString("cursor"), 2);
        List<Long> seen = new ArrayList<>(ids(first));
        seen.addAll(ids(second));
        seen.addAll(ids(third));
        assertThat(seen).containsExactlyElementsOf(written);
        assertThat(ids(empty)).isEmpty();
        assertThat(empty.getString("cursor")).isEqualTo(third.getString("cursor"));
        // a cursor can be used again: the same page comes back
        assertThat(ids(page(poolId, first.getString("cursor"), 2))).isEqualTo(ids(second));
        // an empty pool's feed starts with a cursor too
        assertThat(page(createPool(), null, null).getList("events")).isEmpty();
    }

    @Test
    void aTransactionThatTookItsIdEarlyAndCommitsLateHoldsBackWhatCommittedAfterIt() throws SQLException {
        String poolId = createPool();
        UUID early = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        long before = committed(poolId, later, 1, "created", "{}");
        String cursor = page(poolId, null, null).getString("cursor");
        try (Connection slow = Db.connect()) {
            slow.setAutoCommit(false);
            HistoryRows.takeTransactionId(slow);
            long committedAfter = committed(poolId, later, 2, "updated", HistoryRows.attribute("name", "x"));
            // the later transaction committed, but one with a smaller id is still open: it waits
            JsonPath held = page(poolId, cursor, null);
            assertThat(ids(held)).isEmpty();
            assertThat(held.getString("cursor")).isEqualTo(cursor);
            long slowEntry = HistoryRows.insert(slow, poolId, early, "early", 1, "created", "{}");
            slow.commit();
            // both now, in transaction order: the early one first, though it committed last
            JsonPath both = page(poolId, cursor, null);
            assertThat(ids(both)).containsExactly(slowEntry, committedAfter);
            assertThat(ids(page(poolId, null, null))).containsExactly(before, slowEntry, committedAfter);
        }
    }

    @Test
    void anOpenTransactionsEntryIsNeverShownAndARolledBackOneNever() throws SQLException {
        String poolId = createPool();
        try (Connection open = Db.connect()) {
            open.setAutoCommit(false);
            HistoryRows.insert(open, poolId, UUID.randomUUID(), "jane", 1, "created", "{}");
            assertThat(ids(page(poolId, null, null))).isEmpty();
            open.rollback();
        }
        long after = committed(poolId, UUID.randomUUID(), 1, "created", "{}");
        assertThat(ids(page(poolId, null, null))).containsExactly(after);
    }

    /**
     * Writers in many transactions at once, some taking their transaction id early and committing
     * late, while a consumer polls: it sees every entry exactly once, in (tx, id) order.
     */
    @Test
    void concurrentWritersGiveAFeedWithNoGapNoRepeatAndTheCommitOrder() throws Exception {
        String poolId = createPool();
        int writers = 5;
        int perWriter = 10;
        Set<Long> written = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        List<Future<?>> writing = new ArrayList<>();
        try (Connection straggler = Db.connect()) {
            // one transaction takes its id before all the others and commits after all of them
            straggler.setAutoCommit(false);
            HistoryRows.takeTransactionId(straggler);
            for (int w = 0; w < writers; w++) {
                UUID sub = UUID.randomUUID();
                writing.add(pool.submit(() -> {
                    try (Connection db = Db.connect()) {
                        db.setAutoCommit(false);
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int version = 1; version <= perWriter; version++) {
                            if (random.nextBoolean()) {
                                HistoryRows.takeTransactionId(db);
                                Thread.sleep(random.nextInt(15));
                            }
                            long id = HistoryRows.insert(db, poolId, sub, "u", version, "updated",
                                    HistoryRows.attribute("name", "v" + version));
                            Thread.sleep(random.nextInt(10));
                            db.commit();
                            written.add(id);
                        }
                    }
                    return null;
                }));
            }
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            boolean stragglerDone = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (seen.size() < writers * perWriter + 1) {
                assertThat(System.nanoTime()).as("the feed delivered everything in time").isLessThan(deadline);
                JsonPath answer = page(poolId, cursor, 7);
                seen.addAll(ids(answer));
                cursor = answer.getString("cursor");
                if (!stragglerDone && writing.stream().allMatch(Future::isDone)) {
                    // nothing committed after the straggler took its id may show while it is open
                    assertThat(seen).as("entries shown while an older transaction was open").isEmpty();
                    for (Future<?> f : writing) {
                        f.get();
                    }
                    written.add(HistoryRows.insert(straggler, poolId, UUID.randomUUID(), "s", 1, "created", "{}"));
                    straggler.commit();
                    stragglerDone = true;
                }
            }
            assertThat(new HashSet<>(seen)).as("no repeat").hasSameSizeAs(seen);
            assertThat(seen).as("no gap").containsExactlyInAnyOrderElementsOf(written);
            try (Connection db = Db.connect()) {
                List<long[]> order = new ArrayList<>();
                for (long id : seen) {
                    order.add(new long[] {HistoryRows.tx(db, poolId, id), id});
                }
                for (int i = 1; i < order.size(); i++) {
                    long[] a = order.get(i - 1);
                    long[] b = order.get(i);
                    assertThat(Long.compareUnsigned(a[0], b[0]) < 0 || a[0] == b[0] && a[1] < b[1])
                            .as("(tx, id) order at %d", i).isTrue();
                }
            }
            assertThat(page(poolId, cursor, null).getList("events")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badLimitsAndCursorsAreInvalidParameter() {
        String poolId = createPool();
        String other = createPool();
        String foreign = page(other, null, null).getString("cursor");
        for (String limit : new String[] {"0", "1001", "-3", "ten", "1.5"}) {
            admin().queryParam("limit", limit).when().get("/pools/{poolId}/events", poolId)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
        for (String after : new String[] {foreign, "not-a-cursor", "x".repeat(1000), "%00", "ZXYxOnVzLWVhc3QtMV9CMEhscVU4M246MDow"}) {
            admin().queryParam("after", after).when().get("/pools/{poolId}/events", poolId)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
    }

    @Test
    void anUnknownPoolIsNotFoundAndCallersWithoutTheAdminKeyAreRefused() {
        admin().when().get("/pools/{poolId}/events", "us-east-1_Nope00000")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        String poolId = createPool();
        given().when().get("/pools/{poolId}/events", poolId)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        given().header("Authorization", "Bearer wrong").when().get("/pools/{poolId}/events", poolId)
                .then().statusCode(401).contentType(PROBLEM);
    }
}
