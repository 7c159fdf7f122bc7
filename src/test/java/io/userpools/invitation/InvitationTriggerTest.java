package io.userpools.invitation;

import static io.userpools.invitation.InvitationTest.create;
import static io.userpools.invitation.InvitationTest.email;
import static io.userpools.invitation.InvitationTest.passwordIn;
import static io.userpools.invitation.InvitationTest.pool;
import static io.userpools.invitation.InvitationTest.problem;
import static io.userpools.invitation.InvitationTest.signIn;
import static io.userpools.invitation.InvitationTest.user;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Auth.createPasswordClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import io.userpools.support.WebhookAnswers;
import io.userpools.trigger.WebhookSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invitation through the custom message webhook, a real HTTP endpoint the test controls: the
 * signed event with source {@code CustomMessage_AdminCreateUser}, {@code usernameParameter} and
 * the caller's client metadata; the texts it returns; a veto or a text without a placeholder
 * creates nothing and sends nothing; SUPPRESS does not call it; RESEND does.
 */
@QuarkusTest
class InvitationTriggerTest {

    private static final String SECRET = "whsec_invitation-trigger-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Mode { EMPTY, CUSTOM, VETO, NO_USERNAME }

    record Call(String id, String timestamp, String signature, String body) {
    }

    static HttpServer server;
    static volatile Mode mode = Mode.EMPTY;
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", InvitationTriggerTest::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stopWebhook() {
        server.stop(0);
    }

    static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        CALLS.add(new Call(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                headers.getFirst("webhook-signature"), body));
        int status = 200;
        String answer = "";
        switch (mode) {
            case EMPTY -> answer = "";
            case CUSTOM -> answer = withResponse(body, "Hook: {username} / {####}", "Hook subject");
            case VETO -> {
                status = 400;
                answer = "{\"message\":\"not this one\"}";
            }
            case NO_USERNAME -> answer = withResponse(body, "Only the password {####}", null);
        }
        WebhookAnswers.send(exchange, status, answer);
    }

    static String withResponse(String event, String emailMessage, String subject) throws IOException {
        return WebhookAnswers.withResponse(event, emailMessage, subject);
    }

    static String poolWithHook() {
        return pool(Map.of("triggers", Map.of("customMessage", Map.of(
                "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "secret", SECRET,
                "timeoutMillis", 2000))));
    }

    static Map<String, Object> invite(String username, String address) {
        Map<String, Object> body = user(username, Map.of("email", address, "nickname", "n"));
        body.put("desiredDeliveryMediums", List.of("EMAIL"));
        body.put("clientMetadata", Map.of("campaign", "spring"));
        return body;
    }

    JsonNode lastEvent() throws IOException {
        Call call = CALLS.get(CALLS.size() - 1);
        assertThat(call.signature()).isEqualTo(
                WebhookSigner.sign(SECRET, call.id(), Long.parseLong(call.timestamp()), call.body()));
        return JSON.readTree(call.body());
    }

    @Test
    void theEventNamesTheInvitationAndTheReturnedTextIsSent() throws IOException {
        mode = Mode.CUSTOM;
        String poolId = poolWithHook();
        String clientId = createPasswordClient(poolId);
        String address = email("lea");
        create(poolId, invite("lea", address)).statusCode(201);

        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_AdminCreateUser");
        assertThat(event.path("userPoolId").asText()).isEqualTo(poolId);
        assertThat(event.path("userName").asText()).isEqualTo("lea");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        JsonNode request = event.path("request");
        assertThat(request.path("codeParameter").asText()).isEqualTo("{####}");
        assertThat(request.path("usernameParameter").asText()).isEqualTo("{username}");
        assertThat(request.path("clientMetadata").path("campaign").asText()).isEqualTo("spring");
        assertThat(request.path("userAttributes").path("email").asText()).isEqualTo(address);
        assertThat(request.path("userAttributes").path("nickname").asText()).isEqualTo("n");
        assertThat(request.path("userAttributes").path("cognito:user_status").asText())
                .isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(request.path("userAttributes").path("sub").asText()).hasSize(36);
        assertThat(call(-1)).doesNotContain("Temp#").doesNotContain("passwordHash");

        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Hook subject");
        Matcher m = Pattern.compile("Hook: lea / (.+)").matcher(mail.body());
        assertThat(m.matches()).as(mail.body()).isTrue();
        signIn(clientId, "lea", m.group(1)).statusCode(200).body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
    }

    private static String call(int fromEnd) {
        return CALLS.get(CALLS.size() + fromEnd).body();
    }

    @Test
    void anEmptyAnswerKeepsTheBuiltInText() {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String address = email("max");
        create(poolId, invite("max", address)).statusCode(201);
        passwordIn(Mailbox.await(address, 1).body(), "max");
    }

    @Test
    void aVetoCreatesNothingAndSendsNothing() {
        mode = Mode.VETO;
        String poolId = poolWithHook();
        String address = email("ned");
        int before = CALLS.size();
        problem(create(poolId, invite("ned", address)), 400, "UserLambdaValidationException");
        assertThat(CALLS.size()).isEqualTo(before + 1);
        admin().get("/pools/{p}/users/ned", poolId).then().statusCode(404);
        Outbox.assertNothingSent(poolId, address);
        mode = Mode.EMPTY;
        create(poolId, invite("ned", address)).statusCode(201);
    }

    @Test
    void aReturnedTextWithoutTheUsernameCreatesNothing() {
        mode = Mode.NO_USERNAME;
        String poolId = poolWithHook();
        String address = email("oli");
        problem(create(poolId, invite("oli", address)), 400, "InvalidParameterException")
                .body("detail", equalTo("The message is invalid."));
        admin().get("/pools/{p}/users/oli", poolId).then().statusCode(404);
        Outbox.assertNothingSent(poolId, address);
    }

    @Test
    void suppressDoesNotCallTheTriggerAndATakenUsernameDoesNotEither() {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String address = email("pam");
        int before = CALLS.size();
        Map<String, Object> body = invite("pam", address);
        body.put("messageAction", "SUPPRESS");
        create(poolId, body).statusCode(201);
        assertThat(CALLS.size()).isEqualTo(before);
        problem(create(poolId, invite("pam", address)), 409, "UsernameExistsException");
        assertThat(CALLS.size()).isEqualTo(before);
    }

    @Test
    void resendCallsTheTriggerAndAVetoKeepsTheOldPassword() throws IOException {
        mode = Mode.EMPTY;
        String poolId = poolWithHook();
        String clientId = createPasswordClient(poolId);
        String address = email("quinn");
        Map<String, Object> body = invite("quinn", address);
        body.put("temporaryPassword", "Temp#Passw0rd");
        body.put("messageAction", "SUPPRESS");
        create(poolId, body).statusCode(201);

        Map<String, Object> resend = user("quinn", Map.of());
        resend.put("messageAction", "RESEND");
        resend.put("clientMetadata", Map.of("why", "lost"));
        mode = Mode.VETO;
        problem(create(poolId, resend), 400, "UserLambdaValidationException");
        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_AdminCreateUser");
        assertThat(event.path("request").path("clientMetadata").path("why").asText()).isEqualTo("lost");
        Outbox.assertNothingSent(poolId, address);
        signIn(clientId, "quinn", "Temp#Passw0rd").statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));

        mode = Mode.EMPTY;
        create(poolId, resend).statusCode(201);
        String password = passwordIn(Mailbox.await(address, 1).body(), "quinn");
        signIn(clientId, "quinn", password).statusCode(200).body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
    }
}
