package io.userpools.password;

import static io.userpools.password.Resets.email;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reset codes through a real custom message webhook: ForgotPassword sends trigger source
 * {@code CustomMessage_ForgotPassword} with the client and the caller's metadata, and the text
 * the hook returns is what the user receives; AdminResetUserPassword sends the same source with
 * {@code CLIENT_ID_NOT_APPLICABLE}; a veto sends nothing and changes nothing (no code, no status).
 */
@QuarkusTest
class ResetMessageTriggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static volatile boolean veto;
    static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ResetMessageTriggerTest::answer);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        EVENTS.add(body);
        int status = 200;
        String answer;
        if (veto) {
            status = 400;
            answer = "{\"message\":\"not now\"}";
        } else {
            ObjectNode event = (ObjectNode) JSON.readTree(body);
            event.putObject("response").put("emailMessage", "Hook reset: {####}").put("emailSubject", "Hook");
            answer = JSON.writeValueAsString(event);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String poolWithHook() {
        return createPool(Map.of("name", "pw-hook", "triggers", Map.of("customMessage", Map.of(
                "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "secret", "whsec_cmVzZXQtdHJpZ2dlci1zZWNyZXQtb2YtdGVzdA==", "timeoutMillis", 2000))));
    }

    static JsonNode lastEvent() throws IOException {
        return JSON.readTree(EVENTS.get(EVENTS.size() - 1));
    }

    @Test
    void forgotPasswordSendsItsSourceClientAndMetadataAndTheHooksText() throws IOException {
        veto = false;
        String poolId = poolWithHook();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("ann");
        Resets.confirmedWithEmail(poolId, "ann", address);
        json(Map.of("clientId", clientId, "username", "ann", "clientMetadata", Map.of("app", "web")))
                .post(Resets.FORGOT).then().statusCode(200);
        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_ForgotPassword");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.path("request").path("clientMetadata").path("app").asText()).isEqualTo("web");
        assertThat(event.path("request").path("codeParameter").asText()).isEqualTo("{####}");
        assertThat(event.path("request").path("userAttributes").path("email").asText()).isEqualTo(address);
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Hook");
        assertThat(mail.body()).matches("Hook reset: [0-9]{6}");
        Resets.confirm(clientId, "ann", mail.code(), Resets.NEW_PASSWORD).then().statusCode(204);
    }

    @Test
    void adminResetSendsTheSameSourceWithoutAClient() throws IOException {
        veto = false;
        String poolId = poolWithHook();
        String address = email("bob");
        Resets.confirmedWithEmail(poolId, "bob", address);
        admin().contentType(ContentType.JSON).body(Map.of("clientMetadata", Map.of("ticket", "42")))
                .post(Resets.RESET, poolId, "bob").then().statusCode(204);
        JsonNode event = lastEvent();
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_ForgotPassword");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(event.path("request").path("clientMetadata").path("ticket").asText()).isEqualTo("42");
        assertThat(Mailbox.await(address, 1).body()).matches("Hook reset: [0-9]{6}");
    }

    @Test
    void aVetoSendsNothingAndChangesNothing() {
        veto = true;
        String poolId = poolWithHook();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("cat");
        Resets.confirmedWithEmail(poolId, "cat", address);
        Resets.forgot(clientId, "cat").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("UserLambdaValidationException"));
        Resets.adminReset(poolId, "cat").then().statusCode(400).body("code", equalTo("UserLambdaValidationException"));
        assertThat(Resets.status(poolId, "cat")).isEqualTo("CONFIRMED");
        Resets.confirm(clientId, "cat", "123456", Resets.NEW_PASSWORD).then().statusCode(400)
                .body("code", equalTo("ExpiredCodeException"));
        Outbox.assertNothingSent(poolId, address);
        Auth.signIn(clientId, "cat", Auth.PASSWORD);
    }
}
