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
import io.quarkus.vertx.VertxContextSupport;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.pool.TriggerSecrets;
import io.userpools.common.Reseal;
import io.userpools.common.SecretBox;
import io.userpools.support.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import io.userpools.support.WebhookAnswers;
import io.userpools.verification.VerificationService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The custom message webhook against a real HTTP endpoint the test controls: the event and its
 * signature, custom texts, veto, timeout, garbage and a text without the code placeholder. A
 * failing trigger leaves the user as it was, and its error echoes nothing the webhook answered.
 * Reserved destinations outside the test profile's allowed networks (loopback) are refused, and
 * every call is counted by outcome in {@code userpools_trigger_calls_total}.
 */
@QuarkusTest
class CustomMessageTriggerTest {

    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("trigger-secret-of-test".getBytes(StandardCharsets.UTF_8));
    private static final String PATCH = "/pools/{poolId}/users/{username}/attributes";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the webhook does with the next calls. */
    enum Mode { CUSTOM_TEXT, EMPTY, VETO, SLOW, GARBAGE, NO_PLACEHOLDER, EMPTY_MESSAGE, HUGE, ERROR }

    /** What {@link Mode#ERROR} answers: nothing of it may reach a client. */
    static final String INTERNAL_ANSWER =
            "{\"error\":\"db-primary.internal:5432 refused\",\"token\":\"s3cr3t-planted\"}";

    record Call(Map<String, String> headers, String body) {
    }

    static HttpServer server;
    static volatile Mode mode = Mode.EMPTY;
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    @Inject
    PoolService pools;
    @Inject
    VerificationService verification;
    @Inject
    TriggerSecrets triggerSecrets;
    @Inject
    SecretBox box;

    @BeforeAll
    static void startWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", CustomMessageTriggerTest::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stopWebhook() {
        server.stop(0);
    }

    static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(new Call(Map.of(
                "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))), body));
        int status = 200;
        String answer = "";
        switch (mode) {
            case CUSTOM_TEXT -> answer = withResponse(body, "Hi from the hook: {####}", "Hook subject");
            case EMPTY -> answer = "";
            case VETO -> {
                status = 400;
                answer = "{\"message\":\"no mail for you\"}";
            }
            case SLOW -> sleep(1500);
            case GARBAGE -> answer = "<html>teapot</html>";
            case NO_PLACEHOLDER -> answer = withResponse(body, "There is no code here", null);
            case EMPTY_MESSAGE -> answer = withResponse(body, "", null);
            case HUGE -> answer = withResponse(body, "{####}" + "x".repeat(70_000), null);
            case ERROR -> {
                status = 418;
                answer = INTERNAL_ANSWER;
            }
        }
        WebhookAnswers.send(exchange, status, answer);
    }

    static String withResponse(String event, String emailMessage, String subject) throws IOException {
        return WebhookAnswers.withResponse(event, emailMessage, subject);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String poolWithHook() {
        return createPool(Map.of("name", "t-" + UUID.randomUUID().toString().substring(0, 8),
                "aliasAttributes", List.of("email"),
                "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Pool subject", "message", "Pool text {####}")),
                "triggers", Map.of("customMessage", Map.of("url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "secret", SECRET,
                        "timeoutMillis", 700))));
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    JsonNode lastEvent() throws IOException {
        Call call = CALLS.get(CALLS.size() - 1);
        String expected = WebhookSigner.sign(SECRET, call.headers().get("webhook-id"),
                Long.parseLong(call.headers().get("webhook-timestamp")), call.body());
        assertThat(call.headers().get("webhook-signature")).isEqualTo(expected);
        assertThat(call.headers().get("webhook-id")).startsWith("msg_");
        return JSON.readTree(call.body());
    }

    // ---- the secret at rest

    /** The pool's stored settings as text. */
    static String storedSettings(String poolId) throws SQLException {
        try (Connection db = Db.connect(); PreparedStatement s = db.prepareStatement(
                "SELECT settings::text FROM pools WHERE id = ?")) {
            s.setString(1, poolId);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    /** Stores the pool's webhook secret in clear, as releases before sealing did. */
    void storeInClear(String poolId) throws SQLException {
        try (Connection db = Db.connect(); PreparedStatement s = db.prepareStatement("UPDATE pools SET settings = "
                + "jsonb_set(settings #- '{triggers,customMessage,sealedSecret}', '{triggers,customMessage,secret}', "
                + "to_jsonb(?::text)) WHERE id = ?")) {
            s.setString(1, SECRET);
            s.setString(2, poolId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        pools.evict(poolId);
        assertThat(storedSettings(poolId)).contains(SECRET).doesNotContain("sealedSecret");
    }

    /** Sends a code through the pool's webhook; the call must carry a signature made with SECRET. */
    void signedCall(String poolId, String username) throws IOException {
        int before = CALLS.size();
        String address = email(username);
        createUser(poolId, username, Map.of());
        adminJson(Map.of("attributes", Map.of("email", address))).patch(PATCH, poolId, username).then().statusCode(200);
        assertThat(CALLS).hasSize(before + 1);
        assertThat(lastEvent().path("userPoolId").asText()).isEqualTo(poolId);
        Mailbox.await(address, 1);
    }

    @Test
    void theSecretIsSealedAtRestAndNeverAnsweredBack() throws Exception {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String stored = storedSettings(poolId);
        assertThat(stored).doesNotContain(SECRET).doesNotContain("\"secret\"").contains("\"sealedSecret\"");
        String sealed = JSON.readTree(stored).path("triggers").path("customMessage").path("sealedSecret").asText();
        assertThat(box.open(java.util.Base64.getDecoder().decode(sealed), "custom-message-secret|" + poolId))
                .asString(StandardCharsets.UTF_8).isEqualTo(SECRET);
        assertThat(box.open(java.util.Base64.getDecoder().decode(sealed), "custom-message-secret|" + createPool()))
                .as("bound to its pool").isNull();
        signedCall(poolId, "sal");
        for (String body : List.of(admin().get("/pools/{p}", poolId).then().statusCode(200).extract().asString(),
                admin().get("/pools").then().statusCode(200).extract().asString())) {
            assertThat(body).doesNotContain(SECRET).doesNotContain(sealed).doesNotContain("sealedSecret")
                    .doesNotContain("\"secret\"");
        }
        admin().get("/pools/{p}", poolId).then().body("triggers.customMessage.url", equalTo(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
    }

    @Test
    void aSecretStoredInClearStillSignsAndIsSealedByTheNextWrite() throws Exception {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        storeInClear(poolId);
        signedCall(poolId, "cleo");
        adminJson(Map.of("schema", List.of(Map.of("name", "plan", "type", "String", "maxLength", 32))))
                .post("/pools/{id}/schema", poolId).then().statusCode(200);
        assertThat(storedSettings(poolId)).doesNotContain(SECRET).contains("sealedSecret");
        signedCall(poolId, "cleo2");
        pools.evict(poolId);
        signedCall(poolId, "cleo3");
    }

    @Test
    void theResealingSealsSecretsStoredInClear() throws Throwable {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        storeInClear(poolId);
        Reseal.Report report = VertxContextSupport.subscribeAndAwait(() -> triggerSecrets.resealOld());
        assertThat(report.what()).isEqualTo("custom message webhook secrets");
        assertThat(report.resealed()).isPositive();
        assertThat(report.left()).isZero();
        assertThat(storedSettings(poolId)).doesNotContain(SECRET).contains("sealedSecret");
        pools.evict(poolId);
        signedCall(poolId, "rita");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> triggerSecrets.resealOld()).resealed())
                .as("nothing left to do").isZero();
    }

    @Test
    void adminUpdateSendsTheSignedEventAndUsesTheReturnedText() throws IOException {
        mode = Mode.CUSTOM_TEXT;
        String poolId = poolWithHook();
        createUser(poolId, "amy", Map.of("nickname", "a"));
        String address = email("amy");
        adminJson(Map.of("attributes", Map.of("email", address), "clientMetadata", Map.of("source", "crm")))
                .patch(PATCH, poolId, "amy").then().statusCode(200)
                .body("codeDeliveryDetails[0].destination", equalTo("a***@e***"));
        JsonNode event = lastEvent();
        assertThat(event.path("version").asText()).isEqualTo("1");
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_UpdateUserAttribute");
        assertThat(event.path("userPoolId").asText()).isEqualTo(poolId);
        assertThat(event.path("userName").asText()).isEqualTo("amy");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(event.path("callerContext").path("awsSdkVersion").isTextual()).isTrue();
        JsonNode request = event.path("request");
        assertThat(request.path("codeParameter").asText()).isEqualTo("{####}");
        assertThat(request.path("usernameParameter").isNull()).isTrue();
        assertThat(request.path("clientMetadata").path("source").asText()).isEqualTo("crm");
        assertThat(request.path("userAttributes").path("email").asText()).isEqualTo(address);
        assertThat(request.path("userAttributes").path("email_verified").asText()).isEqualTo("false");
        assertThat(request.path("userAttributes").path("nickname").asText()).isEqualTo("a");
        assertThat(request.path("userAttributes").path("sub").asText()).hasSize(36);
        assertThat(request.path("userAttributes").path("cognito:user_status").asText()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(event.path("response").path("emailMessage").isNull()).isTrue();

        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Hook subject");
        assertThat(mail.body()).matches("Hi from the hook: [0-9]{6}");
    }

    @Test
    void emptyAnswerUsesThePoolTemplate() {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        createUser(poolId, "bob", Map.of());
        String address = email("bob");
        adminJson(Map.of("attributes", Map.of("email", address))).patch(PATCH, poolId, "bob").then().statusCode(200);
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Pool subject");
        assertThat(mail.body()).matches("Pool text [0-9]{6}");
    }

    @Test
    void verificationCodeRequestNamesTheClientAndItsMetadata() throws Throwable {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String address = email("cat");
        createUser(poolId, "cat", Map.of("email", address, "email_verified", "true"));
        UUID sub = UUID.fromString(admin().get("/pools/{p}/users/{u}", poolId, "cat").then().extract().path("sub"));
        Pool pool = VertxContextSupport.subscribeAndAwait(() -> pools.get(poolId));
        VertxContextSupport.subscribeAndAwait(() -> verification.sendCode(pool, sub, "email", "client-42",
                Map.of("flow", "settings")));
        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_VerifyUserAttribute");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("client-42");
        assertThat(event.path("request").path("clientMetadata").path("flow").asText()).isEqualTo("settings");
        assertThat(event.path("request").path("userAttributes").path("cognito:email_alias").asText()).isEqualTo(address);
        Mailbox.await(address, 1);
    }

    @Test
    void selfServiceCodeRequestSendsTheTokensClientAndTheBodysMetadata() throws IOException {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("eli");
        Auth.confirmedUser(poolId, "eli", Map.of("email", address, "email_verified", "true"));
        String token = Auth.accessToken(clientId, "eli");
        Auth.bearer(token).contentType(ContentType.JSON).body(Map.of("clientMetadata", Map.of("flow", "settings")))
                .when().post("/me/attributes/email/verification-code").then().statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo("e***@e***"));
        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_VerifyUserAttribute");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.path("request").path("clientMetadata").path("flow").asText()).isEqualTo("settings");
        assertThat(event.path("request").path("userAttributes").path("email").asText()).isEqualTo(address);
        Mailbox.await(address, 1);
    }

    @Test
    void selfServiceUpdateSendsTheTokensClientAndTheBodysMetadata() throws IOException {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "fay", Map.of());
        String token = Auth.accessToken(clientId, "fay");
        String address = email("fay");
        Auth.bearer(token).contentType(ContentType.JSON)
                .body(Map.of("attributes", Map.of("email", address), "clientMetadata", Map.of("flow", "profile")))
                .when().patch("/me/attributes").then().statusCode(200)
                .body("codeDeliveryDetails[0].destination", equalTo("f***@e***"));
        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_UpdateUserAttribute");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.path("request").path("clientMetadata").path("flow").asText()).isEqualTo("profile");
        Mailbox.await(address, 1);
    }

    private void assertFailsAndChangesNothing(Mode failure, int status, String code) {
        mode = failure;
        String poolId = poolWithHook();
        String before = email("dan");
        createUser(poolId, "dan", Map.of("email", before));
        String after = email("dan-new");
        adminJson(Map.of("attributes", Map.of("email", after, "nickname", "d"))).patch(PATCH, poolId, "dan").then()
                .statusCode(status).contentType(PROBLEM).body("code", equalTo(code));
        admin().get("/pools/{p}/users/{u}", poolId, "dan").then().statusCode(200)
                .body("version", equalTo(1))
                .body("attributes.email", equalTo(before))
                .body("attributes.nickname", equalTo(null));
        Outbox.assertNothingSent(poolId, after);
    }

    /** The answer to an email change of a new user in a new pool whose webhook works in this mode. */
    private ValidatableResponse changeEmail(Mode with, String username) {
        mode = with;
        String poolId = poolWithHook();
        createUser(poolId, username, Map.of());
        return adminJson(Map.of("attributes", Map.of("email", email(username)))).patch(PATCH, poolId, username).then();
    }

    @Test
    void vetoIsUserLambdaValidationWithAFixedTextThatEchoesNothingOfTheHook() {
        assertFailsAndChangesNothing(Mode.VETO, 400, "UserLambdaValidationException");
        String answer = changeEmail(Mode.VETO, "eva")
                .body("detail", equalTo("CustomMessage failed with error the webhook vetoed the message."))
                .extract().asString();
        assertThat(answer).doesNotContain("no mail for you");
    }

    @Test
    void anErrorAnswerIsUnexpectedLambdaAndEchoesNeitherItsStatusNorItsBody() {
        assertFailsAndChangesNothing(Mode.ERROR, 502, "UnexpectedLambdaException");
        String answer = changeEmail(Mode.ERROR, "ian").statusCode(502)
                .body("detail", equalTo("CustomMessage invocation failed due to error calling the webhook."))
                .extract().asString()
                // the request id is random hex: it may hold "418" by chance
                .replaceAll("\"requestId\":\"[^\"]*\"", "");
        assertThat(answer).doesNotContain("418").doesNotContain("db-primary").doesNotContain("s3cr3t")
                .doesNotContain("5432").doesNotContain("127.0.0.1").doesNotContain("/hook");
    }

    /**
     * Reserved destinations the test profile does not allow (it allows loopback only) are refused
     * before any connection.
     */
    @Test
    void reservedDestinationsOutsideTheAllowedNetworksAreRefusedAndCounted() {
        String[] urls = {"http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/",
                "http://10.0.0.1:8080/hook", "http://192.168.1.1/", "http://0.0.0.0:" + server.getAddress().getPort()
                + "/hook", "http://[fd00::1]/hook", "http://100.100.100.200/"};
        long refusedBefore = TriggerCalls.count("refused");
        int calls = CALLS.size();
        for (String url : urls) {
            String poolId = createPool(Map.of("name", "r-" + UUID.randomUUID().toString().substring(0, 8),
                    "autoVerifiedAttributes", List.of("email"),
                    "triggers", Map.of("customMessage", Map.of("url", url, "secret", SECRET, "timeoutMillis", 5000))));
            createUser(poolId, "rae", Map.of());
            long started = System.nanoTime();
            String answer = adminJson(Map.of("attributes", Map.of("email", email("rae")))).patch(PATCH, poolId, "rae")
                    .then().statusCode(502).contentType(PROBLEM).body("code", equalTo("UnexpectedLambdaException"))
                    .body("detail", equalTo("CustomMessage invocation failed due to error calling the webhook."))
                    .extract().asString();
            // refused at once, not after a connection attempt ran into the 5 s limit
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as(url).isLessThan(
                    java.time.Duration.ofSeconds(3));
            assertThat(answer).as(url).doesNotContain("169.254").doesNotContain("10.0.0.1").doesNotContain("reserved")
                    .doesNotContain("link-local").doesNotContain("private");
            admin().get("/pools/{p}/users/{u}", poolId, "rae").then().body("version", equalTo(1));
        }
        assertThat(CALLS).hasSize(calls);
        assertThat(TriggerCalls.count("refused") - refusedBefore).isEqualTo(urls.length);
    }

    @Test
    void everyCallIsCountedByOutcome() {
        Map<String, Mode> modes = Map.of("ok", Mode.EMPTY, "vetoed", Mode.VETO, "invalid", Mode.GARBAGE,
                "timeout", Mode.SLOW, "failed", Mode.ERROR);
        for (Map.Entry<String, Mode> outcome : modes.entrySet()) {
            long before = TriggerCalls.count(outcome.getKey());
            changeEmail(outcome.getValue(), "oda");
            assertThat(TriggerCalls.count(outcome.getKey()) - before).as(outcome.getKey()).isEqualTo(1);
        }
        long invalidBefore = TriggerCalls.count("invalid");
        changeEmail(Mode.HUGE, "ola");
        assertThat(TriggerCalls.count("invalid") - invalidBefore).as("oversized").isEqualTo(1);
    }

    @Test
    void slowHookIsUnexpectedLambda() {
        assertFailsAndChangesNothing(Mode.SLOW, 502, "UnexpectedLambdaException");
    }

    @Test
    void garbageAnswerIsInvalidLambdaResponse() {
        assertFailsAndChangesNothing(Mode.GARBAGE, 502, "InvalidLambdaResponseException");
    }

    @Test
    void oversizedAnswerIsInvalidLambdaResponse() {
        assertFailsAndChangesNothing(Mode.HUGE, 502, "InvalidLambdaResponseException");
    }

    @Test
    void returnedTextWithoutPlaceholderOrEmptyIsInvalidParameter() {
        assertFailsAndChangesNothing(Mode.NO_PLACEHOLDER, 400, "InvalidParameterException");
        mode = Mode.EMPTY_MESSAGE;
        String poolId = poolWithHook();
        createUser(poolId, "fay", Map.of());
        adminJson(Map.of("attributes", Map.of("email", email("fay")))).patch(PATCH, poolId, "fay").then()
                .statusCode(400).body("detail", equalTo("The message is empty."));
    }

    @Test
    void unreachableHookIsUnexpectedLambda() {
        String poolId = createPool(Map.of("name", "u-" + UUID.randomUUID().toString().substring(0, 8),
                "autoVerifiedAttributes", List.of("email"),
                "triggers", Map.of("customMessage", Map.of("url", "http://127.0.0.1:9/hook", "secret", "unreachable-hook-secret"))));
        createUser(poolId, "gil", Map.of());
        long failedBefore = TriggerCalls.count("failed");
        adminJson(Map.of("attributes", Map.of("email", email("gil")))).patch(PATCH, poolId, "gil").then()
                .statusCode(502).contentType(PROBLEM).body("code", equalTo("UnexpectedLambdaException"))
                .body("detail", equalTo("CustomMessage invocation failed due to error calling the webhook."));
        assertThat(TriggerCalls.count("failed") - failedBefore).isEqualTo(1);
        admin().get("/pools/{p}/users/{u}", poolId, "gil").then().body("version", equalTo(1));
    }
}
