package io.userpools.trigger;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.userpools.support.Mailbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook egress rule as production has it: loopback is not an allowed network. A webhook
 * listening on 127.0.0.1 is reached only through the one name the profile allows, the literal
 * {@code 127.0.0.1}; every other way of writing or naming loopback is refused before a connection
 * is made, with a text that names nothing.
 */
@QuarkusTest
@TestProfile(WebhookEgressTest.LoopbackNotAllowed.class)
class WebhookEgressTest {

    /** No allowed network but a documentation range; {@code 127.0.0.1} is an allowed host by name. */
    public static class LoopbackNotAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.userpools.webhooks.allowed-networks", "192.0.2.0/24",
                    "userpools.webhooks.allowed-networks", "192.0.2.0/24",
                    "userpools.webhooks.allowed-hosts", "127.0.0.1");
        }
    }

    private static final String PATCH = "/pools/{poolId}/users/{username}/attributes";
    private static final String SECRET = "egress-test-secret-0123456789";
    private static final String FAILED = "CustomMessage invocation failed due to error calling the webhook.";

    static HttpServer server;
    static final AtomicInteger CALLS = new AtomicInteger();

    @BeforeAll
    static void startWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            CALLS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    static void stopWebhook() {
        server.stop(0);
    }

    static String pool(String url) {
        return createPool(Map.of("name", "e-" + UUID.randomUUID().toString().substring(0, 8),
                "autoVerifiedAttributes", List.of("email"),
                "triggers", Map.of("customMessage", Map.of("url", url, "secret", SECRET, "timeoutMillis", 2000))));
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void everyOtherSpellingOrNameOfLoopbackIsRefusedBeforeAnyConnection() {
        int port = server.getAddress().getPort();
        String[] urls = {"http://localhost:" + port + "/hook", "http://LOCALHOST.:" + port + "/hook",
                "http://[::1]:" + port + "/hook", "http://[::ffff:127.0.0.1]:" + port + "/hook",
                "http://[::ffff:7f00:1]:" + port + "/hook", "http://2130706433:" + port + "/hook",
                "http://0x7f000001:" + port + "/hook",
                "http://127.0.0.2:" + port + "/hook", "http://0.0.0.0:" + port + "/hook", "http://0:" + port + "/hook",
                "http://[::]:" + port + "/hook", "http://169.254.169.254/latest/meta-data/"};
        long notSentBefore = TriggerCalls.count("refused") + TriggerCalls.count("failed");
        int callsBefore = CALLS.get();
        for (String url : urls) {
            String poolId = pool(url);
            createUser(poolId, "lou", Map.of());
            String answer = adminJson(Map.of("attributes", Map.of("email", email("lou"), "nickname", "l")))
                    .patch(PATCH, poolId, "lou").then()
                    .statusCode(502).contentType(PROBLEM)
                    .body("code", equalTo("UnexpectedLambdaException"))
                    .body("detail", equalTo(FAILED))
                    .extract().asString();
            assertThat(answer).as(url).doesNotContain(Integer.toString(port)).doesNotContain("127.0.0")
                    .doesNotContain("loopback").doesNotContain("refused").doesNotContain("localhost");
            admin().get("/pools/{p}/users/{u}", poolId, "lou").then().statusCode(200)
                    .body("version", equalTo(1)).body("attributes.nickname", equalTo(null));
        }
        assertThat(CALLS.get() - callsBefore).as("calls that reached the webhook").isZero();
        // refused, or (0x7f000001: the JDK reads no hex) unresolvable: counted either way, sent never
        assertThat(TriggerCalls.count("refused") + TriggerCalls.count("failed") - notSentBefore)
                .isEqualTo(urls.length);
    }

    @Test
    void hexAndShortIpv4FormsAreNotAcceptedAsWebhookUrls() {
        for (String url : new String[] {"http://0x7f.1/hook", "http://127.1/hook", "http://0177.1/hook"}) {
            adminJson(Map.of("name", "x-" + UUID.randomUUID().toString().substring(0, 8),
                    "triggers", Map.of("customMessage", Map.of("url", url, "secret", SECRET))))
                    .when().post("/pools").then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("InvalidParameterException"))
                    .body("detail", startsWith("triggers.customMessage.url must be an absolute http or https URL"));
        }
    }

    @Test
    void theAllowedHostIsReachedAndItsMessageSent() {
        int before = CALLS.get();
        String poolId = pool("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        createUser(poolId, "amo", Map.of());
        String address = email("amo");
        adminJson(Map.of("attributes", Map.of("email", address))).patch(PATCH, poolId, "amo").then().statusCode(200);
        assertThat(CALLS.get()).isEqualTo(before + 1);
        Mailbox.await(address, 1);
    }
}
