package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.userpools.auth.SecretHash;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rotating every key of the packaged service (prod profile, real restarts, one database of its own)
 * the way deploy/README.md tells operators to:
 * <ol>
 * <li>keys A: pools, signing keys, client secrets, codes and a queued message are written; then the
 * rows are turned into the format of the release before key rings (no key tag), as a database
 * written by it would be;
 * <li>keys B current, A old, no re-sealing at start: everything of A still works (sign-in with the
 * existing signing key, JWKS, clients with a secret, page tokens, the queued message is delivered,
 * its code still verifies), and what is new carries B's key id;
 * <li>the same keys, re-sealing at start: every sealed row now carries B's key id;
 * <li>B alone: nothing breaks.
 * </ol>
 */
class KeyRotationIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN = "test-admin-secret";
    private static final String PASSWORD = "Corr3ct#Horse";
    private static final List<String> FLOWS = List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private final String tokenA = newKey();
    private final String tokenB = newKey();
    private final String codesA = newKey();
    private final String codesB = newKey();
    private final String outboxA = newKey();
    private final String outboxB = newKey();
    private final int smtpPort;
    private ItDatabase database;
    private GreenMail smtp;
    private final List<String> logs = new ArrayList<>();

    KeyRotationIT() throws Exception {
        smtpPort = PackagedApp.freePort();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @AfterEach
    void cleanUp() throws SQLException {
        smtpDown();
        RestAssured.reset();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void rotateEveryKeyKeepOldDataWorkingResealThenDropTheOldKeys() throws Exception {
        database = ItDatabase.create("key_rotation_it");
        Map<String, String> keysA = Map.of("USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY", tokenA,
                "USERPOOLS_CODES_HMAC_KEY", codesA, "USERPOOLS_OUTBOX_ENCRYPTION_KEY", outboxA);
        // B is named; the old A keys are listed without ids (derived from the key), as an operator may
        Map<String, String> keysBA = Map.of("USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY", tokenB,
                "USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY_ID", "t-b", "USERPOOLS_TOKEN_OLD_KEY_ENCRYPTION_KEYS", tokenA,
                "USERPOOLS_CODES_HMAC_KEY", codesB, "USERPOOLS_CODES_HMAC_KEY_ID", "h-b",
                "USERPOOLS_CODES_OLD_HMAC_KEYS", codesA,
                "USERPOOLS_OUTBOX_ENCRYPTION_KEY", outboxB, "USERPOOLS_OUTBOX_ENCRYPTION_KEY_ID", "o-b",
                "USERPOOLS_OUTBOX_OLD_ENCRYPTION_KEYS", outboxA);
        Map<String, String> keysB = Map.of("USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY", tokenB,
                "USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY_ID", "t-b", "USERPOOLS_CODES_HMAC_KEY", codesB,
                "USERPOOLS_CODES_HMAC_KEY_ID", "h-b", "USERPOOLS_OUTBOX_ENCRYPTION_KEY", outboxB,
                "USERPOOLS_OUTBOX_ENCRYPTION_KEY_ID", "o-b");

        // ---- 1. keys A ----
        String pool;
        String otherPool;
        String web;
        String server;
        String server2;
        String server2Secret;
        String serverSecret;
        String server4;
        String server4Secret;
        String jwks;
        String kid;
        String pageToken;
        String aliceEmail = "alice-new@example.com";
        String bobEmail = "bob-new@example.com";
        smtpUp();
        try (Run app = start(keysA, Map.of())) {
            pool = createPool();
            otherPool = createPool();
            web = createClient(pool, false).getString("clientId");
            JsonPath serverView = createClient(pool, true);
            server = serverView.getString("clientId");
            serverSecret = serverView.getString("clientSecret");
            JsonPath server2View = createClient(pool, true);
            server2 = server2View.getString("clientId");
            server2Secret = server2View.getString("clientSecret");
            JsonPath server4View = createClient(pool, true);
            server4 = server4View.getString("clientId");
            server4Secret = server4View.getString("clientSecret");
            String otherWeb = createClient(otherPool, false).getString("clientId");
            confirmedUser(pool, "alice");
            confirmedUser(pool, "bob");
            confirmedUser(otherPool, "eve");
            String token = signIn(web, "alice").getString("accessToken");
            kid = header(token).getString("kid");
            jwks = jwks(pool);
            signIn(otherWeb, "eve");
            signInWithSecret(server, serverSecret, "alice");
            signInWithSecret(server2, server2Secret, "alice");
            pageToken = admin().get("/pools/{p}/users?limit=1", pool).then().statusCode(200).extract()
                    .path("paginationToken");
            assertThat(pageToken).isNotNull();
            // eve's code is sent; alice's waits in the outbox while the SMTP server is down
            changeEmail(otherPool, "eve", "eve-new@example.com");
            mail("eve-new@example.com");
            smtpDown();
            changeEmail(pool, "alice", aliceEmail);
            await(() -> attempts(pool) >= 1, "alice's message was tried and failed", app);
        }
        // what the release before key rings wrote: no tag; server2 keeps its (A) tag
        toLegacy("pool_keys", "private_key_enc", "pool_id = ? AND kid = ?", List.of(pool, kid),
                tokenA, "pool-key:" + pool + ":" + kid);
        toLegacy("app_clients", "secret_hash", "client_id = ?", List.of(server), tokenA, "client-secret:" + server);
        long aliceMessage = outboxIds(pool).get(0);
        toLegacy("outbox", "payload_enc", "id = ?", List.of(aliceMessage), outboxA, pool + "|EMAIL");
        sql("UPDATE verification_codes SET code_hmac = substring(code_hmac from length(code_hmac) - 31) "
                + "WHERE pool_id = ?", pool);
        assertThat(bytes("SELECT private_key_enc FROM pool_keys WHERE pool_id = ?", pool).length)
                .as("legacy: iv + ciphertext + tag").isLessThan(bytes("SELECT private_key_enc FROM pool_keys "
                        + "WHERE pool_id = ?", otherPool).length);

        // ---- 2. keys B current, A old; no re-sealing at start ----
        try (Run app = start(keysBA, Map.of("USERPOOLS_KEYS_RESEAL_AT_START", "false"))) {
            assertThat(jwks(pool)).isEqualTo(jwks);
            String token = signIn(web, "alice").getString("accessToken");
            assertThat(header(token).getString("kid")).as("the existing signing key signs").isEqualTo(kid);
            signInWithSecret(server, serverSecret, "alice");
            signInWithSecret(server2, server2Secret, "alice");
            admin().get("/pools/{p}/users?limit=1&paginationToken={t}", pool, pageToken).then().statusCode(200);
            // the queued message (sealed by A before key rings) is delivered, and its code (HMAC under A) verifies
            assertThat(tag("SELECT payload_enc FROM outbox WHERE id = ?", aliceMessage)).isNull();
            smtpUp();
            String code = mail(aliceEmail);
            await(() -> outboxIds(pool).isEmpty(), "alice's message left the outbox", app);
            verify(token, code);
            // sealed values loaded are sealed again under B; untouched ones wait for the re-sealing
            assertThat(tag("SELECT private_key_enc FROM pool_keys WHERE pool_id = ?", pool)).isEqualTo("t-b");
            assertThat(tag("SELECT secret_hash FROM app_clients WHERE client_id = ?", server)).isEqualTo("t-b");
            assertThat(tag("SELECT private_key_enc FROM pool_keys WHERE pool_id = ?", otherPool))
                    .isEqualTo(derivedId(tokenA));
            // new values carry B's ids
            JsonPath server3View = createClient(pool, true);
            assertThat(tag("SELECT secret_hash FROM app_clients WHERE client_id = ?",
                    server3View.getString("clientId"))).isEqualTo("t-b");
            smtpDown();
            changeEmail(pool, "bob", bobEmail);
            await(() -> attempts(pool) >= 1, "bob's message was tried and failed", app);
            assertThat(tag("SELECT payload_enc FROM outbox WHERE pool_id = ?", pool)).isEqualTo("o-b");
            assertThat(tag("SELECT code_hmac FROM verification_codes WHERE pool_id = ? AND attribute_name = 'email' "
                    + "AND target_value = '" + bobEmail + "'", pool)).isEqualTo("h-b");
        }
        // a message the release before key rings queued under A, waiting through the rotation
        insertLegacyMessage(otherPool, "frank@example.com", "Your code is 424242.");

        // ---- 3. the same keys; re-sealing at start (the default) ----
        try (Run app = start(keysBA, Map.of())) {
            await(() -> Stream.of("pool signing keys:", "client secrets:", "queued messages:", "live verification codes:")
                    .allMatch(app.log()::contains), "the re-sealing ran", app);
            String log = app.log();
            assertThat(log).contains("pool signing keys: 1 re-sealed under key t-b, 0 left")
                    .contains("client secrets: 1 re-sealed under key t-b, 0 left")
                    .contains("queued messages: 1 re-sealed under key o-b, 0 left")
                    .contains("live verification codes: 0 re-sealed under key h-b, 1 left (codes are stored as an "
                            + "HMAC and cannot be re-made");
            assertThat(untagged("pool_keys", "private_key_enc", "t-b")).isZero();
            assertThat(untagged("app_clients", "secret_hash", "t-b")).isZero();
            assertThat(untagged("outbox", "payload_enc", "o-b")).isZero();
        }

        // ---- 4. keys B alone ----
        try (Run app = start(keysB, Map.of())) {
            smtpUp();
            assertThat(jwks(pool)).isEqualTo(jwks);
            String token = signIn(web, "alice").getString("accessToken");
            assertThat(header(token).getString("kid")).isEqualTo(kid);
            signIn(createClient(otherPool, false).getString("clientId"), "eve");
            signInWithSecret(server, serverSecret, "alice");
            signInWithSecret(server2, server2Secret, "alice");
            signInWithSecret(server4, server4Secret, "alice");
            assertThat(mail("frank@example.com")).isEqualTo("424242");
            String bobCode = mail(bobEmail);
            verify(signIn(web, "bob").getString("accessToken"), bobCode);
            await(() -> outboxIds(pool).isEmpty() && outboxIds(otherPool).isEmpty(), "the outbox is empty", app);
        }
        for (String log : logs) {
            for (String secret : List.of(tokenA, tokenB, codesA, codesB, outboxA, outboxB)) {
                assertThat(log).doesNotContain(secret);
            }
        }
    }

    // ---- the service ----

    private Run start(Map<String, String> keys, Map<String, String> more) throws Exception {
        int port = PackagedApp.freePort();
        Map<String, String> env = database.environment(port);
        env.putAll(keys);
        env.putAll(more);
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        env.put("QUARKUS_MAILER_FROM", "noreply@userpools.test");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("USERPOOLS_OUTBOX_RETRY_BACKOFF", "PT0.2S");
        env.put("USERPOOLS_OUTBOX_MAX_BACKOFF", "PT0.5S");
        env.put("USERPOOLS_OUTBOX_POLL_INTERVAL", "PT0.2S");
        env.put("USERPOOLS_OUTBOX_LEASE", "PT5S");
        env.put("USERPOOLS_OUTBOX_SEND_TIMEOUT", "PT2S");
        env.put("USERPOOLS_OUTBOX_MAX_ATTEMPTS", "100000"); // messages wait for the SMTP server across the runs
        Run run = new Run(PackagedApp.start(env));
        try {
            run.app.awaitReady(port);
        } catch (AssertionError | RuntimeException e) {
            run.close();
            throw e;
        }
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        return run;
    }

    /** One run of the service; stopping it keeps its log for the final check that no key was printed. */
    private final class Run implements AutoCloseable {
        final PackagedApp app;

        Run(PackagedApp app) {
            this.app = app;
        }

        String log() {
            try {
                return app.log();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            logs.add(log());
            app.close();
        }
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN);
    }

    private static RequestSpecification json(Object body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private static String createPool() {
        return admin().contentType(ContentType.JSON).body(Map.of("name", "rotation",
                "aliasAttributes", List.of("email"), "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Code", "message", "Your code is {####}."))))
                .post("/pools").then().statusCode(201).extract().path("id");
    }

    private static JsonPath createClient(String pool, boolean secret) {
        return admin().contentType(ContentType.JSON).body(Map.of("name", secret ? "server" : "web",
                "explicitAuthFlows", FLOWS, "generateSecret", secret))
                .post("/pools/{p}/clients", pool).then().statusCode(201).extract().jsonPath();
    }

    private static void confirmedUser(String pool, String username) {
        admin().contentType(ContentType.JSON).body(Map.of("username", username, "temporaryPassword", "Temp#Passw0rd"))
                .post("/pools/{p}/users", pool).then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("password", PASSWORD, "permanent", true))
                .put("/pools/{p}/users/{u}/password", pool, username).then().statusCode(204);
    }

    private static JsonPath signIn(String client, String username) {
        return json(Map.of("clientId", client, "username", username, "password", PASSWORD))
                .post("/auth/sign-in").then().statusCode(200).extract().jsonPath();
    }

    private static void signInWithSecret(String client, String secret, String username) {
        json(Map.of("clientId", client, "username", username, "password", PASSWORD,
                "secretHash", SecretHash.of(secret, username, client)))
                .post("/auth/sign-in").then().statusCode(200);
    }

    private static String jwks(String pool) {
        return given().get("/pools/{p}/.well-known/jwks.json", pool).then().statusCode(200).extract().asString();
    }

    private static void changeEmail(String pool, String username, String email) {
        admin().contentType(ContentType.JSON).body(Map.of("attributes", Map.of("email", email)))
                .patch("/pools/{p}/users/{u}/attributes", pool, username).then().statusCode(200);
    }

    private static void verify(String accessToken, String code) {
        given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON)
                .body(Map.of("code", code)).post("/me/attributes/email/verify")
                .then().statusCode(200).body("attributes.email_verified", equalTo("true"));
    }

    private static JsonPath header(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    // ---- the SMTP server ----

    private void smtpUp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
    }

    private void smtpDown() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** Waits for a mail to {@code address} on the running SMTP server and answers its code. */
    private String mail(String address) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
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
        throw new AssertionError("no mail to " + address);
    }

    private static void await(BooleanSupplier condition, String what, Run app) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "\n" + app.log());
            }
            Thread.sleep(50);
        }
    }

    // ---- the database ----

    /** The key id a sealed value names, or null when it has no tag (written before key rings). */
    private String tag(String query, Object parameter) throws SQLException {
        KeyRing.Tagged tagged = KeyRing.tagged(bytes(query, parameter));
        return tagged == null ? null : tagged.keyId();
    }

    private byte[] bytes(String query, Object... parameters) throws SQLException {
        try (Connection db = database.connect(); PreparedStatement s = db.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).as(query).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private long untagged(String table, String column, String keyId) throws SQLException {
        try (Connection db = database.connect(); PreparedStatement s = db.prepareStatement("SELECT " + column
                + " FROM " + table + " WHERE " + column + " IS NOT NULL"); ResultSet rows = s.executeQuery()) {
            long count = 0;
            long all = 0;
            while (rows.next()) {
                all++;
                KeyRing.Tagged tagged = KeyRing.tagged(rows.getBytes(1));
                if (tagged == null || !tagged.keyId().equals(keyId)) {
                    count++;
                }
            }
            assertThat(all).as("rows in " + table).isPositive();
            return count;
        }
    }

    private int attempts(String pool) {
        try (Connection db = database.connect();
                PreparedStatement s = db.prepareStatement("SELECT coalesce(min(attempts), 0) FROM outbox WHERE pool_id = ?"
                        + " AND last_error IS NOT NULL")) {
            s.setString(1, pool);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Long> outboxIds(String pool) {
        try (Connection db = database.connect();
                PreparedStatement s = db.prepareStatement("SELECT id FROM outbox WHERE pool_id = ? ORDER BY id")) {
            s.setString(1, pool);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection db = database.connect(); PreparedStatement s = db.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    /** Replaces a value sealed under {@code key} (tagged) with the untagged form of the release before key rings. */
    private void toLegacy(String table, String column, String where, List<Object> key, String base64Key,
            String context) throws Exception {
        byte[] tagged = bytes("SELECT " + column + " FROM " + table + " WHERE " + where, key.toArray());
        KeyRingCipher.Opened opened = new KeyRingCipher(ring(base64Key), RANDOM).open(tagged,
                context.getBytes(StandardCharsets.UTF_8));
        assertThat(opened).as("the value opens with key A").isNotNull();
        List<Object> parameters = new ArrayList<>(List.of((Object) legacySeal(base64Key, opened.plain(), context)));
        parameters.addAll(key);
        sql("UPDATE " + table + " SET " + column + " = ? WHERE " + where, parameters.toArray());
    }

    private void insertLegacyMessage(String pool, String to, String body) throws Exception {
        String json = "{\"to\":\"" + to + "\",\"from\":null,\"subject\":\"Code\",\"body\":\"" + body + "\"}";
        sql("INSERT INTO outbox (pool_id, channel, payload_enc, created_at, next_attempt_at, attempts) "
                + "VALUES (?, 'EMAIL', ?, now(), now(), 0)", pool,
                legacySeal(outboxA, json.getBytes(StandardCharsets.UTF_8), pool + "|EMAIL"));
    }

    private static KeyRing ring(String base64Key) {
        return KeyRing.parse("key", base64Key, Optional.empty(), Optional.empty(), 32, 32);
    }

    private static String derivedId(String base64Key) {
        return ring(base64Key).current().id();
    }

    /** As the release before key rings sealed: see {@link KeyRingTest#legacySeal}. */
    private static byte[] legacySeal(String base64Key, byte[] plain, String context) throws Exception {
        return KeyRingTest.legacySeal(Base64.getDecoder().decode(base64Key), plain,
                context.getBytes(StandardCharsets.UTF_8));
    }
}
