package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.userpools.event.EventTypes;
import io.userpools.event.Subscriber;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas of the packaged service (prod profile) against one database, as a deployment runs
 * them: concurrent writes to one user through both lose nothing, and what guards accounts
 * (revocation, lockout, codes) holds across them. Rate limits count per replica, as documented.
 * Each test makes its own pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasIT {

    private static final String ADMIN = "test-admin-secret";
    private static final String PASSWORD = "Corr3ct#Horse";
    private static final String INCORRECT = "Incorrect username or password.";
    private static final String EXCEEDED = "Password attempts exceeded";
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static final int WRITERS = 32;
    private static final int ROUNDS = 8;
    private static final int FEED_USERS = 6;
    private static final int FEED_WRITERS = 12;
    private static final int FEED_CHURNERS = 2;
    private static final int FEED_ROUNDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItDatabase database;
    private GreenMail smtp;
    private PackagedApp a;
    private PackagedApp b;
    private int portA;
    private int portB;

    @BeforeAll
    void startTwoReplicas() throws Exception {
        database = ItDatabase.create("two_replicas_it");
        int smtpPort = PackagedApp.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        portA = PackagedApp.freePort();
        a = PackagedApp.start(environment(portA, smtpPort));
        a.awaitReady(portA); // A migrates the schema; B starts on a current one
        portB = PackagedApp.freePort();
        b = PackagedApp.start(environment(portB, smtpPort));
        b.awaitReady(portB);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, database}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private Map<String, String> environment(int port, int smtpPort) {
        Map<String, String> env = database.environment(port);
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        env.put("QUARKUS_MAILER_FROM", "noreply@userpools.test");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("USERPOOLS_OUTBOX_POLL_INTERVAL", "PT0.2S");
        // change events go to a subscriber on loopback in the test JVM
        env.put("USERPOOLS_EVENTS_POLL_INTERVAL", "PT0.2S");
        env.put("USERPOOLS_EVENTS_ALLOW_PLAIN_HTTP", "true");
        env.put("USERPOOLS_WEBHOOKS_ALLOWED_NETWORKS", "127.0.0.0/8");
        return env;
    }

    @Test
    void thirtyTwoWritersOnOneUserOverBothReplicasLoseNothing() throws Exception {
        List<Map<String, Object>> schema = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            schema.add(Map.of("name", "w" + i, "type", "String"));
        }
        String pool = createPool(Map.of("name", "writers", "schema", schema));
        createUser(a, pool, "shared");
        // writer i sets its own attribute custom:w<i> to 1, 2, ... ROUNDS, each write through the
        // other replica than its previous one, all writers at once
        ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
        List<Ack> acknowledged = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Ack>>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                writers.add(executor.submit(() -> {
                    go.await();
                    List<Ack> answers = new ArrayList<>();
                    for (int round = 1; round <= ROUNDS; round++) {
                        Response answer = admin((writer + round) % 2 == 0 ? a : b)
                                .contentType(ContentType.JSON)
                                .body(Map.of("attributes", Map.of("custom:w" + writer, Integer.toString(round))))
                                .patch("/pools/{p}/users/{u}/attributes", pool, "shared");
                        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                        answers.add(JSON.readValue(answer.asString(), Ack.class));
                    }
                    return answers;
                }));
            }
            go.countDown();
            for (Future<List<Ack>> writer : writers) {
                acknowledged.addAll(writer.get());
            }
        } finally {
            executor.shutdownNow();
        }

        // every write changed something: the versions answered are exactly 2 .. 1 + WRITERS * ROUNDS
        acknowledged.sort(Comparator.comparingLong(Ack::version));
        for (int n = 0; n < acknowledged.size(); n++) {
            assertThat(acknowledged.get(n).version()).isEqualTo(2 + n);
        }
        // in version order, no answer shows a value older than one an earlier version showed, and
        // each shows its own write
        Map<String, Integer> seen = new HashMap<>();
        for (Ack answer : acknowledged) {
            Map<String, String> attributes = answer.attributes();
            for (int i = 0; i < WRITERS; i++) {
                String name = "custom:w" + i;
                int value = attributes.containsKey(name) ? Integer.parseInt(attributes.get(name)) : 0;
                assertThat(value).as(name + " at version " + answer.version())
                        .isGreaterThanOrEqualTo(seen.getOrDefault(name, 0));
                seen.put(name, value);
            }
        }
        // the final state holds every writer's last acknowledged value, at the last version
        JsonPath user = admin(b).get("/pools/{p}/users/{u}", pool, "shared").then().statusCode(200)
                .extract().jsonPath();
        assertThat(user.getLong("version")).isEqualTo(1L + WRITERS * ROUNDS);
        for (int i = 0; i < WRITERS; i++) {
            assertThat(user.getString("attributes.'custom:w" + i + "'")).isEqualTo(Integer.toString(ROUNDS));
        }
        // and the change history holds one entry per version, 1 (created) .. the last
        List<Long> history = new ArrayList<>();
        try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT version FROM user_history WHERE pool_id = ? AND username = 'shared' ORDER BY version")) {
            query.setString(1, pool);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    history.add(rows.getLong(1));
                }
            }
        }
        assertThat(history).hasSize(1 + WRITERS * ROUNDS);
        for (int n = 0; n < history.size(); n++) {
            assertThat(history.get(n)).isEqualTo(1L + n);
        }
    }

    @Test
    void writersOnBothReplicasGiveAFeedWithNoGapNoRepeatInCommitOrderAndEachSubscriberEventOnceInUserOrder()
            throws Exception {
        String pool = createPool(Map.of("name", "feed", "schema", List.of(Map.of("name", "n", "type", "String"))));
        try (Subscriber subscriber = new Subscriber()) {
            admin(b).contentType(ContentType.JSON).body(Map.of("url", subscriber.url(), "events", EventTypes.ALL,
                    "secret", "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes())))
                    .post("/pools/{p}/subscriptions", pool).then().statusCode(201);
            // every acknowledged write, as "sub:version" (a user's entries are numbered by its versions)
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<String> shared = new ArrayList<>();
            for (int u = 0; u < FEED_USERS; u++) {
                Ack created = JSON.readValue(createUser(u % 2 == 0 ? a : b, pool, "shared" + u), Ack.class);
                acknowledged.add(created.sub() + ":" + created.version());
                shared.add("shared" + u);
            }
            List<Consumed> consumed = new ArrayList<>();
            List<String> asked = new ArrayList<>(); // what each poll asked and got, for a failure's message
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService executor = Executors.newFixedThreadPool(FEED_WRITERS + FEED_CHURNERS + 1);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int i = 0; i < FEED_WRITERS; i++) {
                    int writer = i;
                    writers.add(executor.submit(() -> {
                        go.await();
                        for (int round = 0; round < FEED_ROUNDS; round++) {
                            Response answer = admin((writer + round) % 2 == 0 ? a : b).contentType(ContentType.JSON)
                                    .body(Map.of("attributes", Map.of("custom:n", writer + "-" + round)))
                                    .patch("/pools/{p}/users/{u}/attributes", pool,
                                            shared.get((writer + round) % FEED_USERS));
                            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                            Ack ack = JSON.readValue(answer.asString(), Ack.class);
                            acknowledged.add(ack.sub() + ":" + ack.version());
                        }
                        return null;
                    }));
                }
                // churners create a user on one replica, change it and delete it on the other
                for (int i = 0; i < FEED_CHURNERS; i++) {
                    int churner = i;
                    writers.add(executor.submit(() -> {
                        go.await();
                        for (int round = 0; round < FEED_ROUNDS / 2; round++) {
                            PackagedApp one = round % 2 == 0 ? a : b;
                            PackagedApp other = one == a ? b : a;
                            String username = "churn" + churner + "-" + round;
                            Ack created = JSON.readValue(createUser(one, pool, username), Ack.class);
                            acknowledged.add(created.sub() + ":" + created.version());
                            Response changed = admin(other).contentType(ContentType.JSON)
                                    .body(Map.of("attributes", Map.of("custom:n", username)))
                                    .patch("/pools/{p}/users/{u}/attributes", pool, username);
                            assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
                            Ack ack = JSON.readValue(changed.asString(), Ack.class);
                            acknowledged.add(ack.sub() + ":" + ack.version());
                            admin(one).delete("/pools/{p}/users/{u}", pool, username).then().statusCode(204);
                            acknowledged.add(created.sub() + ":" + (ack.version() + 1)); // deleting takes a version
                        }
                        return null;
                    }));
                }
                // the consumer polls both replicas in turn, each time with the cursor it was last given
                Future<String> consumer = executor.submit(() -> {
                    String cursor = null;
                    int polls = 0;
                    boolean drained = false;
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                    while (!drained) {
                        assertThat(System.nanoTime()).as("the feed drains in time").isLessThan(deadline);
                        boolean after = !writing.get();
                        RequestSpecification request = admin(polls++ % 2 == 0 ? a : b)
                                .queryParam("limit", 1 + ThreadLocalRandom.current().nextInt(40));
                        if (cursor != null) {
                            request = request.queryParam("after", cursor);
                        }
                        JsonPath page = request.get("/pools/{p}/events", pool).then().statusCode(200)
                                .extract().jsonPath();
                        List<Map<String, Object>> events = page.getList("events");
                        for (Map<String, Object> event : events) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> user = (Map<String, Object>) event.get("user");
                            consumed.add(new Consumed((String) event.get("id"), (String) user.get("sub"),
                                    ((Number) event.get("version")).longValue()));
                        }
                        asked.add((polls % 2 == 1 ? "A" : "B") + " after " + decoded(cursor) + ": "
                                + events.stream().map(e -> (String) e.get("id")).toList() + " -> "
                                + decoded(page.getString("cursor")));
                        cursor = page.getString("cursor");
                        // done once a page read after the last write was acknowledged holds all of them
                        drained = after && events.isEmpty() && consumed.size() >= acknowledged.size();
                        Thread.sleep(events.isEmpty() ? 20 : 0);
                    }
                    return cursor;
                });
                go.countDown();
                for (Future<?> writer : writers) {
                    writer.get();
                }
                writing.set(false);
                consumer.get();
            } finally {
                executor.shutdownNow();
            }

            // the feed as consumed is the pool's whole history in (tx, id) order: no gap, no repeat,
            // and nothing committed after a cursor was handed out sorted before it
            List<String> table = new ArrayList<>();
            List<String> rowsWithTx = new ArrayList<>();
            try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement(
                    "SELECT id, tx::text, version, sub, operation FROM user_history WHERE pool_id = ? ORDER BY tx, id")) {
                query.setString(1, pool);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        table.add("evt_" + rows.getLong(1));
                        rowsWithTx.add(rows.getLong(1) + "@" + rows.getString(2) + " v" + rows.getLong(3) + " "
                                + rows.getString(4).substring(0, 8) + " " + rows.getString(5));
                    }
                }
            }
            int writes = FEED_USERS + FEED_WRITERS * FEED_ROUNDS + FEED_CHURNERS * (FEED_ROUNDS / 2) * 3;
            assertThat(table).hasSize(writes);
            assertThat(consumed.stream().map(Consumed::id).toList())
                    .as("polls:%n%s%ntable (id@tx):%n%s", String.join("\n", asked), String.join("\n", rowsWithTx))
                    .containsExactlyElementsOf(table);
            // each acknowledged write is there once, and each user's versions are 1 .. its last
            List<String> writesSeen = consumed.stream().map(e -> e.sub() + ":" + e.version()).toList();
            assertThat(writesSeen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
            Map<String, List<Long>> versions = new HashMap<>();
            consumed.forEach(e -> versions.computeIfAbsent(e.sub(), s -> new ArrayList<>()).add(e.version()));
            versions.forEach((sub, seen) -> assertThat(seen).as(sub).containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(1, seen.size()).boxed().toList()));

            // the dispatchers of both replicas deliver each event once, and a user's in version order
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (subscriber.acknowledged().size() < table.size()) {
                assertThat(System.nanoTime()).as("every event delivered in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            assertThat(subscriber.acknowledged()).containsExactlyInAnyOrderElementsOf(table);
            Map<String, List<Long>> delivered = new HashMap<>();
            for (Subscriber.Received received : subscriber.received) {
                JsonPath event = JsonPath.from(received.body());
                delivered.computeIfAbsent(event.getString("user.sub"), s -> new ArrayList<>())
                        .add(event.getLong("version"));
            }
            delivered.forEach((sub, seen) -> assertThat(seen).as(sub).isSorted().doesNotHaveDuplicates());
        }
    }

    @Test
    void aGlobalSignOutOnOneReplicaRefusesTheTokensOnTheOtherAtOnce() {
        String pool = createPool(Map.of("name", "revocation"));
        String client = createClient(pool);
        confirmedUser(pool, "alice");
        JsonPath tokens = signIn(a, client, "alice", PASSWORD).then().statusCode(200).extract().jsonPath();
        String access = tokens.getString("accessToken");
        given(b).header("Authorization", "Bearer " + access).get("/me").then().statusCode(200);

        given(a).header("Authorization", "Bearer " + access).post("/me/global-sign-out").then().statusCode(204);

        given(b).header("Authorization", "Bearer " + access).get("/me").then().statusCode(401)
                .body("code", equalTo("NotAuthorizedException"));
        given(b).contentType(ContentType.JSON).body(Map.of("clientId", client,
                "refreshToken", tokens.getString("refreshToken"))).post("/auth/refresh").then().statusCode(401)
                .body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void wrongPasswordsOnBothReplicasAddUpToOneLockout() throws Exception {
        String pool = createPool(Map.of("name", "lockout"));
        String client = createClient(pool);
        confirmedUser(pool, "bob");
        // five failures, three on A and two on B: the fifth locks the user
        for (int n = 0; n < 5; n++) {
            signIn(n % 2 == 0 ? a : b, client, "bob", "Wrong#Passw0rd").then().statusCode(401)
                    .body("detail", equalTo(INCORRECT));
        }
        // B has seen two failures: were they counted per replica, B would answer "exceeded" only after
        // five of its own. The lockout lasts 1 s and doubles with each failure after it ran out (2 s,
        // 4 s), so on a slow machine the next attempt may come late and fail once more: three more
        // wrong passwords on B (five of its own at most, the fifth answering "incorrect")
        List<String> messages = new ArrayList<>();
        for (int n = 0; n < 3 && !messages.contains(EXCEEDED); n++) {
            messages.add(signIn(b, client, "bob", "Wrong#Passw0rd").then().statusCode(401)
                    .extract().path("detail"));
        }
        assertThat(messages).contains(EXCEEDED);
        try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT failures FROM sign_in_failures WHERE pool_id = ?")) {
            query.setString(1, pool);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as("one count for the user, shared by the replicas").isGreaterThanOrEqualTo(5);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void aCodeSentThroughOneReplicaVerifiesOnTheOther() throws Exception {
        String pool = createPool(Map.of("name", "codes", "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Code", "message", "Your code is {####}."))));
        String client = createClient(pool);
        confirmedUser(pool, "carol");
        String email = "carol-" + UUID.randomUUID() + "@example.com";
        admin(a).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("email", email)))
                .patch("/pools/{p}/users/{u}/attributes", pool, "carol").then().statusCode(200);
        String code = mail(email);
        String access = signIn(b, client, "carol", PASSWORD).then().statusCode(200).extract().path("accessToken");

        given(b).header("Authorization", "Bearer " + access).contentType(ContentType.JSON)
                .body(Map.of("code", code)).post("/me/attributes/email/verify")
                .then().statusCode(200).body("attributes.email_verified", equalTo("true"));
        admin(a).get("/pools/{p}/users/{u}", pool, "carol").then().statusCode(200)
                .body("attributes.email_verified", equalTo("true"));
    }

    @Test
    void rateLimitsCountPerReplica() {
        String pool = createPool(Map.of("name", "limits"));
        createUser(a, pool, "dave");
        admin(a).contentType(ContentType.JSON).body(Map.of("limits", Map.of("UserRead", 1)))
                .put("/pools/{p}/rate-limits", pool).then().statusCode(200).body("countedPer", equalTo("replica"));
        // A's bucket runs dry (one a second); B, which has not served this pool yet, has its own
        int answered = 0;
        int status = 200;
        while (status == 200 && answered < 20) {
            status = admin(a).get("/pools/{p}/users/{u}", pool, "dave").statusCode();
            answered++;
        }
        assertThat(status).isEqualTo(429);
        admin(b).get("/pools/{p}/users/{u}", pool, "dave").then().statusCode(200);
    }

    /** What an acknowledged update answered: the user's new version and attributes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ack(String sub, long version, Map<String, String> attributes) {
    }

    private static String decoded(String cursor) {
        return cursor == null ? "start" : new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    /** An event as the consumer of the feed took it. */
    record Consumed(String id, String sub, long version) {
    }

    // ---- calls ----

    private RequestSpecification given(PackagedApp replica) {
        return io.restassured.RestAssured.given().baseUri("http://127.0.0.1").port(replica == a ? portA : portB);
    }

    private RequestSpecification admin(PackagedApp replica) {
        return given(replica).header("Authorization", "Bearer " + ADMIN);
    }

    private String createPool(Map<String, Object> body) {
        Map<String, Object> named = new HashMap<>(body);
        named.put("name", body.get("name") + "-" + UUID.randomUUID().toString().substring(0, 8));
        return admin(a).contentType(ContentType.JSON).body(named).post("/pools").then().statusCode(201)
                .extract().path("id");
    }

    private String createClient(String pool) {
        return admin(a).contentType(ContentType.JSON).body(Map.of("name", "web",
                "explicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")))
                .post("/pools/{p}/clients", pool).then().statusCode(201).extract().path("clientId");
    }

    /** Creates the user; answers the created user as JSON. */
    private String createUser(PackagedApp replica, String pool, String username) {
        return admin(replica).contentType(ContentType.JSON).body(Map.of("username", username,
                "temporaryPassword", "Temp#Passw0rd", "messageAction", "SUPPRESS"))
                .post("/pools/{p}/users", pool).then().statusCode(201).extract().asString();
    }

    /** A user with a permanent password, made through A. */
    private void confirmedUser(String pool, String username) {
        createUser(a, pool, username);
        admin(a).contentType(ContentType.JSON).body(Map.of("password", PASSWORD, "permanent", true))
                .put("/pools/{p}/users/{u}/password", pool, username).then().statusCode(204);
    }

    private Response signIn(PackagedApp replica, String client, String username, String password) {
        return given(replica).contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "username", username, "password", password))
                .post("/auth/sign-in");
    }

    /** Waits for a mail to {@code address} and answers its code. */
    private String mail(String address) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    Matcher code = CODE.matcher(GreenMailUtil.getBody(message));
                    assertThat(code.find()).isTrue();
                    return code.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + address + "\nA:\n" + a.log() + "\nB:\n" + b.log());
    }
}
