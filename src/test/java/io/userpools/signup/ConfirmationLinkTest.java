package io.userpools.signup;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.userpools.auth.SecretHash;
import io.userpools.support.Mailbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CONFIRM_WITH_LINK over REST (lifecycle spec 8.3, 8.4): the pool settings and their validation,
 * the link message that SignUp and ResendConfirmationCode mail (read from the test SMTP server),
 * the page that the link answers, and the custom message trigger's {@code linkParameter}
 * (a real webhook endpoint).
 */
@QuarkusTest
class ConfirmationLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HREF = Pattern.compile("<a href=\"([^\"]+)\">([^<]*)</a>");
    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("link-hook-secret-0123".getBytes(StandardCharsets.UTF_8));

    static HttpServer hook;
    static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();
    /** What the webhook answers as {@code response.emailMessage}; null answers an empty body. */
    static volatile String triggerEmail;

    @BeforeAll
    static void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ConfirmationLinkTest::answer);
        hook.start();
    }

    @AfterAll
    static void stopHook() {
        hook.stop(0);
    }

    static void answer(HttpExchange exchange) throws IOException {
        JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
        EVENTS.add(event);
        byte[] body = new byte[0];
        String email = triggerEmail;
        if (email != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).putObject("response")
                    .put("emailMessage", email);
            body = JSON.writeValueAsBytes(event);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static String linkPool(Map<String, Object> email, Map<String, Object> extra) {
        Map<String, Object> messaging = new HashMap<>(Map.of("defaultEmailOption", "CONFIRM_WITH_LINK"));
        if (email != null) {
            messaging.put("email", email);
        }
        Map<String, Object> body = new HashMap<>(Map.of("aliasAttributes", List.of("email"),
                "autoVerifiedAttributes", List.of("email"), "messaging", messaging));
        body.putAll(extra);
        return SignUpTest.pool(body);
    }

    static String signUp(String clientId, String username) {
        String address = SignUpTest.email("link");
        SignUpTest.signUp(clientId, username, Map.of("email", address)).statusCode(200)
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"));
        return address;
    }

    /** The link of a mail: its URL (HTML-unescaped) and its text. */
    record Link(String url, String text) {

        static Link of(Mailbox.Mail mail) {
            assertThat(mail.contentType()).startsWith("text/html");
            Matcher m = HREF.matcher(mail.text());
            assertThat(m.find()).as("a link in %s", mail.text()).isTrue();
            return new Link(m.group(1).replace("&amp;", "&"), m.group(2));
        }

        /** The link's path and query, to send to the test server (the base is the configured public URL). */
        String pathAndQuery() {
            assertThat(url).startsWith("http://localhost:8080/pools/");
            URI uri = URI.create(url);
            return uri.getRawPath() + "?" + uri.getRawQuery();
        }

        Response open() {
            return given().urlEncodingEnabled(false).accept("text/html").get(pathAndQuery());
        }

        String query(String name) {
            for (String pair : URI.create(url).getRawQuery().split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            throw new AssertionError("no " + name + " in " + url);
        }
    }

    static void page(Response page, int status, String text) {
        page.then().statusCode(status).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .body(containsString(text));
    }

    static Response open(String poolId, String clientId, String username, String code) {
        return given().accept("text/html").queryParam("client_id", clientId).queryParam("user_name", username)
                .queryParam("confirmation_code", code).get("/pools/{p}/confirm-user", poolId);
    }

    @Test
    void theLinkSettingsAreStoredShownAndResetByAnUpdateThatLeavesThemOut() {
        String poolId = linkPool(Map.of("subjectByLink", "Confirm", "messageByLink", "Go: {##Confirm##}"), Map.of());
        admin().get("/pools/{p}", poolId).then().statusCode(200)
                .body("messaging.defaultEmailOption", equalTo("CONFIRM_WITH_LINK"))
                .body("messaging.email.subjectByLink", equalTo("Confirm"))
                .body("messaging.email.messageByLink", equalTo("Go: {##Confirm##}"))
                .body("messaging.email.message", equalTo("Your verification code is {####}."));
        adminJson(Map.of("autoVerifiedAttributes", List.of("email"))).put("/pools/{p}", poolId).then()
                .statusCode(200).body("messaging.defaultEmailOption", equalTo("CONFIRM_WITH_CODE"))
                .body("messaging.email.messageByLink", nullValue());
        String plain = SignUpTest.pool(Map.of());
        admin().get("/pools/{p}", plain).then().statusCode(200)
                .body("messaging.defaultEmailOption", equalTo("CONFIRM_WITH_CODE"));
    }

    @Test
    void linkSettingsAreValidatedWithCognitosTexts() {
        Map<String, Object> pool = Map.of("name", SignUpTest.name("bad"));
        refused(pool, Map.of("defaultEmailOption", "CONFIRM_WITH_LINK", "email",
                Map.of("messageByLink", "No link in here")), "The message is invalid.");
        // even in code mode
        refused(pool, Map.of("email", Map.of("messageByLink", "Click nothing")), "The message is invalid.");
        refused(pool, Map.of("defaultEmailOption", "CONFIRM_WITH_LINK", "email",
                Map.of("messageByLink", "Your code is {####}")), "The message is empty.");
        adminJson(with(pool, Map.of("defaultEmailOption", "CONFIRM_WITH_EMAIL"))).post("/pools").then()
                .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                .body("violations[0].field", equalTo("messaging.defaultEmailOption"))
                .body("violations[0].message", containsString("CONFIRM_WITH_LINK, CONFIRM_WITH_CODE"));
        adminJson(with(pool, Map.of("email", Map.of("subjectByLink", "s".repeat(141))))).post("/pools").then()
                .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        adminJson(with(pool, Map.of("email", Map.of("messageByLink", "{##}")))).post("/pools").then()
                .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        // an update is checked alike and changes nothing
        String poolId = linkPool(null, Map.of());
        adminJson(Map.of("messaging", Map.of("email", Map.of("messageByLink", "nothing")))).put("/pools/{p}", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("The message is invalid."));
        admin().get("/pools/{p}", poolId).then().body("messaging.defaultEmailOption", equalTo("CONFIRM_WITH_LINK"));
    }

    private static Map<String, Object> with(Map<String, Object> pool, Map<String, Object> messaging) {
        Map<String, Object> body = new HashMap<>(pool);
        body.put("messaging", messaging);
        return body;
    }

    private static void refused(Map<String, Object> pool, Map<String, Object> messaging, String detail) {
        adminJson(with(pool, messaging)).post("/pools").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException")).body("detail", equalTo(detail));
    }

    @Test
    void signUpMailsALinkThatConfirmsOnceThenAnswersTheAlreadyConfirmedPage() {
        String poolId = linkPool(Map.of("subjectByLink", "Confirm your account",
                "messageByLink", "<p>Welcome!</p> {##Confirm <my> account##}"), Map.of());
        String clientId = SignUpTest.client(poolId, Map.of());
        String username = "zoë&co+1";
        String address = signUp(clientId, username);
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Confirm your account");
        assertThat(mail.text()).startsWith("<p>Welcome!</p> <a href=\"http://localhost:8080/pools/" + poolId
                + "/confirm-user?client_id=" + clientId + "&amp;user_name=zo%C3%AB%26co%2B1&amp;confirmation_code=");
        Link link = Link.of(mail);
        assertThat(link.text()).isEqualTo("Confirm &lt;my&gt; account");
        assertThat(link.query("confirmation_code")).matches("[0-9]{6}");

        page(link.open(), 200, "Your account is confirmed.");
        admin().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("attributes.email_verified", equalTo("true"));
        page(link.open(), 400, "User cannot be confirmed. Current status is CONFIRMED (NotAuthorizedException)");
    }

    @Test
    void theBuiltInLinkMessageIsUsedWithoutATemplateAndResendMailsANewLink() {
        String poolId = linkPool(null, Map.of());
        String clientId = SignUpTest.client(poolId, Map.of());
        String address = signUp(clientId, "ben");
        Mailbox.Mail first = Mailbox.await(address, 1);
        assertThat(first.subject()).isEqualTo("Your verification link");
        assertThat(first.text()).startsWith("Please click the link below to verify your email address. <a href=");
        assertThat(Link.of(first).text()).isEqualTo("Verify Email");

        SignUpTest.resend(clientId, "ben").statusCode(200).body("codeDeliveryDetails.deliveryMedium",
                equalTo("EMAIL"));
        Link second = Link.of(Mailbox.await(address, 2));
        // the new code supersedes the first one
        page(Link.of(first).open(), 400, "(CodeMismatchException)");
        page(second.open(), 200, "Your account is confirmed.");
    }

    @Test
    void aWrongCodeAndBadLinksAnswerPagesWithCognitosMessages() {
        String poolId = linkPool(null, Map.of());
        String clientId = SignUpTest.client(poolId, Map.of());
        String address = signUp(clientId, "cal");
        String code = Link.of(Mailbox.await(address, 1)).query("confirmation_code");
        String wrong = code.equals("000000") ? "111111" : "000000";
        page(open(poolId, clientId, "cal", wrong), 400,
                "Invalid verification code provided, please try again. (CodeMismatchException)");
        page(open(poolId, clientId, "nobody", code), 404, "Username/client id combination not found.");
        page(open(poolId, "unknownclient1", "cal", code), 404,
                "User pool client unknownclient1 does not exist. (ResourceNotFoundException)");
        String otherPool = linkPool(null, Map.of());
        page(open(otherPool, clientId, "cal", code), 404, "User pool client " + clientId + " does not exist.");
        page(open("us-east-1_nothere12", clientId, "cal", code), 404, "(ResourceNotFoundException)");
        page(given().accept("text/html").queryParam("client_id", clientId).get("/pools/{p}/confirm-user", poolId),
                400, "(InvalidParameterException)");
        page(open(poolId, clientId, "<script>alert(1)</script>", code), 404, "Username/client id combination");
        assertThat(open(poolId, clientId, "<script>x</script>", code).asString()).doesNotContain("<script>");
        admin().get("/pools/{p}/users/{u}", poolId, "cal").then().body("status", equalTo("UNCONFIRMED"));
        page(open(poolId, clientId, "cal", code), 200, "Your account is confirmed.");
    }

    @Test
    void aClientWithASecretConfirmsByLinkWithoutASecretHash() {
        String poolId = linkPool(null, Map.of());
        io.restassured.path.json.JsonPath client = io.userpools.support.Auth.createClient(poolId, Map.of("name", "srv",
                "generateSecret", true, "explicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH")));
        String clientId = client.getString("clientId");
        String address = SignUpTest.email("sec");
        json(Map.of("clientId", clientId, "username", "dee", "password", io.userpools.support.Auth.PASSWORD,
                "secretHash", SecretHash.of(client.getString("clientSecret"), "dee", clientId),
                "attributes", Map.of("email", address))).post("/auth/sign-up").then().statusCode(200);
        page(Link.of(Mailbox.await(address, 1)).open(), 200, "Your account is confirmed.");
    }

    @Test
    void theTriggerGetsTheLinkParameterAndItsEmailMustKeepIt() throws Exception {
        Map<String, Object> triggers = Map.of("customMessage", Map.of("url",
                "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", "secret", SECRET));
        String poolId = linkPool(null, Map.of("triggers", triggers));
        String clientId = SignUpTest.client(poolId, Map.of());
        triggerEmail = "Hello from the trigger, {##Click Here##}";
        try {
            String address = signUp(clientId, "eve");
            JsonNode event = last("eve");
            assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_SignUp");
            assertThat(event.path("request").path("linkParameter").asText()).isEqualTo("{##Click Here##}");
            assertThat(event.path("request").path("codeParameter").asText()).isEqualTo("{####}");
            Mailbox.Mail mail = Mailbox.await(address, 1);
            assertThat(mail.text()).startsWith("Hello from the trigger, <a href=");
            assertThat(Link.of(mail).text()).isEqualTo("Click Here");

            triggerEmail = "Your code is {####}";
            SignUpTest.problem(SignUpTest.resend(clientId, "eve"), 400, "InvalidParameterException", null);
            json(Map.of("clientId", clientId, "username", "fay", "password", io.userpools.support.Auth.PASSWORD,
                    "attributes", Map.of("email", SignUpTest.email("fay")))).post("/auth/sign-up").then()
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                    .body("detail", containsString("emailMessage"));
            admin().get("/pools/{p}/users/{u}", poolId, "fay").then().statusCode(404);
        } finally {
            triggerEmail = null;
        }
        String codePool = SignUpTest.pool(Map.of("aliasAttributes", List.of("email"),
                "autoVerifiedAttributes", List.of("email"), "triggers", triggers));
        signUp(SignUpTest.client(codePool, Map.of()), "gus");
        assertThat(last("gus").path("request").path("linkParameter").isNull()).isTrue();
    }

    private static JsonNode last(String username) {
        for (int i = EVENTS.size() - 1; i >= 0; i--) {
            if (username.equals(EVENTS.get(i).path("userName").asText())) {
                return EVENTS.get(i);
            }
        }
        throw new AssertionError("no event for " + username);
    }
}
