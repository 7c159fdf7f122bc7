package io.userpools.trigger;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.userpools.support.Db;
import io.userpools.support.Mailbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The custom message webhook is called with no row lock and no database connection held: while
 * the webhook for one user's email change is held open, other writes to that user go through,
 * and the held update is then planned again against what they wrote.
 */
@QuarkusTest
class CustomMessageOutsideLockTest {

    private static final String PATCH = "/pools/{poolId}/users/{username}/attributes";
    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpServer server;
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    /** The first {@link #held} calls are held: call i counts down entered[i], then waits for release[i]. */
    static final int HELD = 3;
    static volatile int held;
    static volatile CountDownLatch[] entered;
    static volatile CountDownLatch[] release;

    @BeforeAll
    static void startWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", CustomMessageOutsideLockTest::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stopWebhook() {
        server.stop(0);
    }

    @BeforeEach
    void hold() {
        EVENTS.clear();
        held = 1;
        entered = new CountDownLatch[HELD];
        release = new CountDownLatch[HELD];
        for (int i = 0; i < HELD; i++) {
            entered[i] = new CountDownLatch(1);
            release[i] = new CountDownLatch(1);
        }
    }

    @AfterEach
    void letGo() {
        for (CountDownLatch latch : release) {
            latch.countDown();
        }
    }

    static void answer(HttpExchange exchange) throws IOException {
        EVENTS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        int call = EVENTS.size() - 1;
        if (call < held) {
            entered[call].countDown();
            try {
                release[call].await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    static String poolWithSlowHook() {
        return createPool(Map.of("name", "l-" + UUID.randomUUID().toString().substring(0, 8),
                "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Pool subject", "message", "Pool text {####}")),
                "triggers", Map.of("customMessage", Map.of("url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "secret", "outside-lock-secret",
                        "timeoutMillis", 20_000))));
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Starts the email change on another thread and waits until its webhook call is being held. */
    static CompletableFuture<Response> heldEmailChange(String poolId, String username, String address,
            Map<String, String> headers) throws InterruptedException {
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> adminJson(
                Map.of("attributes", Map.of("email", address))).headers(headers).patch(PATCH, poolId, username));
        awaitCall(0);
        return first;
    }

    static void awaitCall(int call) throws InterruptedException {
        assertThat(entered[call].await(30, TimeUnit.SECONDS)).as("webhook call %d", call + 1).isTrue();
    }

    @Test
    void anotherWriteToTheUserCompletesWhileTheWebhookIsHeld() throws Exception {
        String poolId = poolWithSlowHook();
        createUser(poolId, "hal", Map.of());
        String address = email("hal");
        CompletableFuture<Response> first = heldEmailChange(poolId, "hal", address, Map.of());

        adminJson(Map.of("attributes", Map.of("name", "Hal"))).patch(PATCH, poolId, "hal").then().statusCode(200);
        assertThat(first).as("the email change still waits for its webhook").isNotDone();

        release[0].countDown();
        first.get(30, TimeUnit.SECONDS).then().statusCode(200);
        admin().get("/pools/{p}/users/{u}", poolId, "hal").then().statusCode(200)
                .body("attributes.email", equalTo(address))
                .body("attributes.name", equalTo("Hal"));
        Mailbox.await(address, 1);
    }

    @Test
    void aWriteBetweenWebhookAndCommitMakesTheUpdatePlanAgain() throws Exception {
        String poolId = poolWithSlowHook();
        createUser(poolId, "ida", Map.of("nickname", "i"));
        String address = email("ida");
        CompletableFuture<Response> first = heldEmailChange(poolId, "ida", address, Map.of());

        adminJson(Map.of("attributes", Map.of("nickname", "ida", "name", "Ida"))).patch(PATCH, poolId, "ida").then()
                .statusCode(200);
        release[0].countDown();
        first.get(30, TimeUnit.SECONDS).then().statusCode(200);

        assertThat(EVENTS).hasSize(2);
        JsonNode stale = JSON.readTree(EVENTS.get(0)).path("request").path("userAttributes");
        JsonNode replanned = JSON.readTree(EVENTS.get(1)).path("request").path("userAttributes");
        assertThat(stale.path("nickname").asText()).isEqualTo("i");
        assertThat(replanned.path("nickname").asText()).isEqualTo("ida");
        assertThat(replanned.path("name").asText()).isEqualTo("Ida");
        assertThat(replanned.path("email").asText()).isEqualTo(address);
        admin().get("/pools/{p}/users/{u}", poolId, "ida").then().statusCode(200)
                .body("version", equalTo(3))
                .body("attributes.email", equalTo(address))
                .body("attributes.nickname", equalTo("ida"))
                .body("attributes.name", equalTo("Ida"));
        Mailbox.await(address, 1);
    }

    @Test
    void aWriteBetweenWebhookAndCommitFailsAnUpdateThatNamedTheVersion() throws Exception {
        String poolId = poolWithSlowHook();
        createUser(poolId, "jon", Map.of());
        String address = email("jon");
        CompletableFuture<Response> first = heldEmailChange(poolId, "jon", address, Map.of("If-Match", "\"1\""));

        adminJson(Map.of("attributes", Map.of("name", "Jon"))).patch(PATCH, poolId, "jon").then().statusCode(200);
        release[0].countDown();
        first.get(30, TimeUnit.SECONDS).then().statusCode(412).contentType(PROBLEM)
                .body("code", equalTo("PreconditionFailedException"));
        admin().get("/pools/{p}/users/{u}", poolId, "jon").then().statusCode(200)
                .body("version", equalTo(2))
                .body("attributes.email", equalTo(null))
                .body("attributes.name", equalTo("Jon"));
        assertThat(EVENTS).hasSize(1);
    }

    @Test
    void aUserThatKeepsChangingStillGetsItsUpdateUnderTheLock() throws Exception {
        String poolId = poolWithSlowHook();
        createUser(poolId, "kim", Map.of());
        String address = email("kim");
        held = HELD;
        CompletableFuture<Response> first = heldEmailChange(poolId, "kim", address, Map.of());
        for (int call = 0; call < HELD; call++) {
            if (call > 0) {
                awaitCall(call);
            }
            adminJson(Map.of("attributes", Map.of("name", "Kim " + call))).patch(PATCH, poolId, "kim").then()
                    .statusCode(200);
            release[call].countDown();
        }
        first.get(30, TimeUnit.SECONDS).then().statusCode(200);

        assertThat(EVENTS).hasSize(HELD + 1);
        assertThat(JSON.readTree(EVENTS.get(HELD)).path("request").path("userAttributes").path("name").asText())
                .isEqualTo("Kim " + (HELD - 1));
        admin().get("/pools/{p}/users/{u}", poolId, "kim").then().statusCode(200)
                .body("version", equalTo(HELD + 2))
                .body("attributes.email", equalTo(address))
                .body("attributes.name", equalTo("Kim " + (HELD - 1)));
        Mailbox.await(address, 1);
    }

    @Test
    void aCodeThatBecomesDueOnlyUnderTheLockStillHasItsWebhookCalledUnlocked() throws Exception {
        String poolId = poolWithSlowHook();
        String address = email("lea");
        createUser(poolId, "lea", Map.of("email", address, "email_verified", "true"));
        CompletableFuture<Response> update;
        try (Connection db = Db.connect()) {
            db.setAutoCommit(false);
            // holds the row with an uncommitted change of the email: the update below, whose email is
            // the committed one (no code due), waits for the row
            try (PreparedStatement change = db.prepareStatement("UPDATE users SET attributes = "
                    + "jsonb_set(attributes, '{email}', to_jsonb(?::text)), version = version + 1 "
                    + "WHERE pool_id = ? AND username = ?")) {
                change.setString(1, email("lea-elsewhere"));
                change.setString(2, poolId);
                change.setString(3, "lea");
                assertThat(change.executeUpdate()).isEqualTo(1);
            }
            update = CompletableFuture.supplyAsync(() -> adminJson(Map.of("attributes", Map.of("email", address)))
                    .patch(PATCH, poolId, "lea"));
            awaitLockWaiter();
            db.commit();
        }
        // under the lock the email differs, so a code is due: the update lets go of the row and
        // starts over, calling the webhook with nothing held
        awaitCall(0);
        // on a thread of its own (the common pool may have one thread, busy with the update), and
        // bounded: under the old code this write waited for the held webhook
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture.supplyAsync(() -> adminJson(Map.of("attributes", Map.of("name", "Lea")))
                    .patch(PATCH, poolId, "lea"), other).get(15, TimeUnit.SECONDS).then().statusCode(200);
        } finally {
            other.shutdown();
        }
        assertThat(update).as("the email change still waits for its webhook").isNotDone();

        release[0].countDown();
        update.get(30, TimeUnit.SECONDS).then().statusCode(200);
        // the write in between made the update plan (and call the webhook) once more
        assertThat(EVENTS).hasSize(2);
        assertThat(JSON.readTree(EVENTS.get(1)).path("request").path("userAttributes").path("name").asText())
                .isEqualTo("Lea");
        admin().get("/pools/{p}/users/{u}", poolId, "lea").then().statusCode(200)
                .body("attributes.email", equalTo(address))
                .body("attributes.name", equalTo("Lea"));
        Mailbox.await(address, 1);
    }

    /** Waits until a statement of the service waits for a row lock. */
    static void awaitLockWaiter() throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        try (Connection db = Db.connect();
                PreparedStatement waiting = db.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Mailbox.sleep(20);
            }
        }
        throw new AssertionError("no statement waited for the row lock");
    }
}
