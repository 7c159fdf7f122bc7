package io.userpools.signup;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.userpools.auth.SecretHash;
import io.userpools.support.Auth;
import io.userpools.support.Db;
import io.userpools.support.Mailbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SignUp, ConfirmSignUp, ResendConfirmationCode and AdminConfirmSignUp over REST against
 * PostgreSQL, the test SMTP server (codes are read from the mail) and a real webhook endpoint for
 * the custom message trigger: each operation's success and the errors lifecycle 2-3 names.
 */
@QuarkusTest
class SignUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("sign-up-hook-secret".getBytes(StandardCharsets.UTF_8));
    private static final String PASSWORD = Auth.PASSWORD;

    static HttpServer hook;
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static volatile boolean veto;

    @BeforeAll
    static void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", SignUpTest::answer);
        hook.start();
    }

    @AfterAll
    static void stopHook() {
        hook.stop(0);
    }

    static void answer(HttpExchange exchange) throws IOException {
        EVENTS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = veto ? "{\"message\":\"not this one\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(veto ? 400 : 200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String pool(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", name("su"));
        return createPool(body);
    }

    /** An alias pool (email) that verifies email automatically. */
    static String emailPool() {
        return pool(Map.of("aliasAttributes", List.of("email"), "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Welcome", "message", "Your sign-up code is {####}."))));
    }

    static String client(String poolId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "app",
                "explicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")));
        body.putAll(extra);
        return Auth.createClient(poolId, body).getString("clientId");
    }

    static ValidatableResponse signUp(String clientId, String username, Map<String, String> attributes) {
        return json(Map.of("clientId", clientId, "username", username, "password", PASSWORD,
                "attributes", attributes)).post("/auth/sign-up").then();
    }

    static ValidatableResponse confirm(String clientId, String username, String code) {
        return json(Map.of("clientId", clientId, "username", username, "code", code))
                .post("/auth/confirm-sign-up").then();
    }

    static ValidatableResponse resend(String clientId, String username) {
        return json(Map.of("clientId", clientId, "username", username))
                .post("/auth/resend-confirmation-code").then();
    }

    static void problem(ValidatableResponse response, int status, String code, String message) {
        response.statusCode(status).contentType(PROBLEM).body("code", equalTo(code));
        if (message != null) {
            response.body("detail", equalTo(message));
        }
    }

    static io.restassured.path.json.JsonPath user(String poolId, String username) {
        return admin().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void validationDataIsSizeCheckedThenIgnored() {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        json(Map.of("clientId", clientId, "username", "val", "password", PASSWORD, "attributes",
                Map.of("email", email("val")), "validationData", Map.of("captcha", "token-1"))).post("/auth/sign-up")
                .then().statusCode(200).body("userConfirmed", equalTo(false));
        assertThat(user(poolId, "val").getMap("attributes")).doesNotContainKey("captcha");
        json(Map.of("clientId", clientId, "username", "vin", "password", PASSWORD, "attributes",
                Map.of("email", email("vin")), "validationData", Map.of("captcha", "x".repeat(2049))))
                .post("/auth/sign-up").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
        admin().get("/pools/{p}/users/{u}", poolId, "vin").then().statusCode(404);
    }

    @Test
    void signUpMailsACodeAndConfirmationVerifiesTheEmailSoTheUserCanSignIn() {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        String address = email("ann");
        var answer = signUp(clientId, "ann", Map.of("email", address, "given_name", "Ann")).statusCode(200)
                .body("userConfirmed", equalTo(false))
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails.attributeName", equalTo("email"))
                .body("codeDeliveryDetails.destination", equalTo(address.charAt(0) + "***@e***"))
                .extract().jsonPath();
        assertThat(user(poolId, "ann").getString("sub")).isEqualTo(answer.getString("userSub"));
        assertThat(user(poolId, "ann").getString("status")).isEqualTo("UNCONFIRMED");
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.subject()).isEqualTo("Welcome");
        assertThat(mail.body()).startsWith("Your sign-up code is ");

        problem(json(Map.of("clientId", clientId, "username", "ann", "password", PASSWORD)).post("/auth/sign-in")
                .then(), 400, "UserNotConfirmedException", "User is not confirmed.");

        confirm(clientId, "ann", mail.code()).statusCode(204);
        var confirmed = user(poolId, "ann");
        assertThat(confirmed.getString("status")).isEqualTo("CONFIRMED");
        assertThat(confirmed.getString("attributes.email_verified")).isEqualTo("true");
        // the verified email is now an alias: sign-in with it works
        assertThat(Auth.signIn(clientId, address, PASSWORD).getString("accessToken")).isNotBlank();
        // the code is used up, and a confirmed user cannot be confirmed again
        problem(confirm(clientId, "ann", mail.code()), 401, "NotAuthorizedException",
                "User cannot be confirmed. Current status is CONFIRMED");
    }

    @Test
    void withoutAutoVerifiedAttributesNoCodeIsSentAndAnAdminConfirms() {
        String poolId = pool(Map.of());
        String clientId = client(poolId, Map.of());
        signUp(clientId, "bo", Map.of("email", email("bo"))).statusCode(200)
                .body("codeDeliveryDetails", nullValue());
        problem(confirm(clientId, "bo", "123456"), 400, "ExpiredCodeException",
                "Invalid code provided, please request a code again.");
        problem(resend(clientId, "bo"), 400, "InvalidParameterException",
                "Cannot resend codes. Auto verification not turned on.");
        admin().post("/pools/{p}/users/{u}/confirm", poolId, "bo").then().statusCode(204);
        var confirmed = user(poolId, "bo");
        assertThat(confirmed.getString("status")).isEqualTo("CONFIRMED");
        assertThat(confirmed.getString("attributes.email_verified")).isNull();
        problem(admin().post("/pools/{p}/users/{u}/confirm", poolId, "bo").then(), 401, "NotAuthorizedException",
                "User cannot be confirmed. Current status is CONFIRMED");
        problem(admin().post("/pools/{p}/users/{u}/confirm", poolId, "nobody").then(), 404, "UserNotFoundException",
                "User does not exist.");
        createUser(poolId, "invited", Map.of());
        problem(admin().post("/pools/{p}/users/{u}/confirm", poolId, "invited").then(), 401,
                "NotAuthorizedException", "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD");
    }

    @Test
    void signUpRefusesWhatTheSpecNames() {
        String poolId = pool(Map.of("aliasAttributes", List.of("email", "preferred_username"),
                "schema", List.of(Map.of("name", "birthdate", "required", true))));
        String clientId = client(poolId, Map.of());
        problem(json(Map.of("clientId", "nosuchclient1", "username", "x", "password", PASSWORD))
                .post("/auth/sign-up").then(), 404, "ResourceNotFoundException",
                "User pool client nosuchclient1 does not exist.");
        problem(json(Map.of("clientId", clientId, "username", "x", "attributes", Map.of("birthdate", "2000-01-01")))
                .post("/auth/sign-up").then(), 400, "InvalidParameterException", "Missing required parameter PASSWORD");
        problem(json(Map.of("clientId", clientId, "username", "x", "password", " Corr3ct#Horse",
                "attributes", Map.of("birthdate", "2000-01-01"))).post("/auth/sign-up").then(), 400,
                "InvalidParameterException", "1 validation error detected: Value at 'password' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
        problem(json(Map.of("clientId", clientId, "username", "x", "password", "short",
                "attributes", Map.of("birthdate", "2000-01-01"))).post("/auth/sign-up").then(), 400,
                "InvalidPasswordException", "Password did not conform with policy: Password not long enough");
        problem(signUp(clientId, email("shape"), Map.of("birthdate", "2000-01-01")), 400,
                "InvalidParameterException",
                "Username cannot be of email format, since user pool is configured for email alias.");
        problem(signUp(clientId, "x", Map.of("custom:role", "a", "birthdate", "2000-01-01")), 400,
                "InvalidParameterException",
                "Attributes did not conform to the schema: Type for attribute {custom:role} could not be determined");
        problem(signUp(clientId, "x", Map.of()), 400, "InvalidParameterException",
                "Attributes did not conform to the schema: birthdate: The attribute is required");
        problem(signUp(clientId, "x", Map.of("birthdate", "2000")), 400, "InvalidParameterException",
                "Attributes did not conform to the schema: birthdate: String must be no shorter than 10 characters");
        problem(signUp(clientId, "x", Map.of("birthdate", "2000-01-01", "email_verified", "true")), 403,
                "NotAuthorizedException", "A client attempted to write unauthorized attribute");
        problem(signUp(clientId, "x", Map.of("birthdate", "2000-01-01", "preferred_username", "xx")), 400,
                "InvalidParameterException", "preferred_username can not be set before user is confirmed.");
        signUp(clientId, "taken", Map.of("birthdate", "2000-01-01")).statusCode(200);
        problem(signUp(clientId, "taken", Map.of("birthdate", "2000-01-01")), 409, "UsernameExistsException",
                "User already exists");
    }

    @Test
    void usernameAttributePoolsTakeTheEmailAsUsernameAndRefuseItTwice() {
        String poolId = pool(Map.of("usernameAttributes", List.of("email"), "autoVerifiedAttributes",
                List.of("email")));
        String clientId = client(poolId, Map.of());
        problem(signUp(clientId, "not-an-email", Map.of()), 400, "InvalidParameterException",
                "Username should be an email.");
        String address = email("cy");
        String sub = signUp(clientId, address, Map.of()).statusCode(200).extract().path("userSub");
        assertThat(user(poolId, address).getString("username")).isEqualTo(sub);
        problem(signUp(clientId, address, Map.of()), 409, "UsernameExistsException",
                "An account with the given email already exists.");
        confirm(clientId, address, Mailbox.await(address, 1).code()).statusCode(204);
        assertThat(user(poolId, sub).getString("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void clientsWithASecretNeedTheSecretHash() {
        String poolId = emailPool();
        var created = Auth.createClient(poolId, Map.of("name", "server", "generateSecret", true));
        String clientId = created.getString("clientId");
        String secret = created.getString("clientSecret");
        problem(signUp(clientId, "di", Map.of()), 401, "NotAuthorizedException",
                "Client " + clientId + " is configured for secret but secret was not received");
        problem(json(Map.of("clientId", clientId, "username", "di", "password", PASSWORD,
                "secretHash", SecretHash.of(secret, "someone-else", clientId))).post("/auth/sign-up").then(), 401,
                "NotAuthorizedException", "Unable to verify secret hash for client " + clientId);
        String address = email("di");
        json(Map.of("clientId", clientId, "username", "di", "password", PASSWORD,
                "secretHash", SecretHash.of(secret, "di", clientId), "attributes", Map.of("email", address)))
                .post("/auth/sign-up").then().statusCode(200);
        problem(confirm(clientId, "di", "123456"), 401, "NotAuthorizedException",
                "Client " + clientId + " is configured for secret but secret was not received");
        json(Map.of("clientId", clientId, "username", "di", "code", Mailbox.await(address, 1).code(),
                "secretHash", SecretHash.of(secret, "di", clientId))).post("/auth/confirm-sign-up").then()
                .statusCode(204);
    }

    @Test
    void poolsThatAllowOnlyAdminsToCreateUsersRefuseSignUpButNotAdminCreateUser() {
        String poolId = pool(Map.of("adminCreateUserConfig", Map.of("allowAdminCreateUserOnly", true)));
        String clientId = client(poolId, Map.of());
        problem(signUp(clientId, "eve", Map.of()), 401, "NotAuthorizedException",
                "SignUp is not permitted for this user pool");
        admin().get("/pools/{p}/users/{u}", poolId, "eve").then().statusCode(404);
        createUser(poolId, "eve", Map.of());
        user(poolId, "eve");
    }

    @Test
    void wrongCodesMismatchAndTheFifthBurnsTheCode() throws Exception {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        String address = email("ed");
        signUp(clientId, "ed", Map.of("email", address)).statusCode(200);
        String code = Mailbox.await(address, 1).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            problem(confirm(clientId, "ed", wrong), 400, "CodeMismatchException",
                    "Invalid verification code provided, please try again.");
        }
        // the fifth wrong code also locked the user out of sign-in for a second (issue 15)
        io.userpools.support.Lockouts.hold(poolId);
        problem(confirm(clientId, "ed", code), 429, "LimitExceededException",
                "Attempt limit exceeded, please try after some time.");
        io.userpools.support.Lockouts.unlock(poolId);
        problem(confirm(clientId, "ed", code), 400, "ExpiredCodeException",
                "Invalid code provided, please request a code again.");
        // a new code works again
        resend(clientId, "ed").statusCode(200).body("codeDeliveryDetails.attributeName", equalTo("email"));
        confirm(clientId, "ed", Mailbox.await(address, 2).code()).statusCode(204);
    }

    @Test
    void aCodeOlderThanADayIsExpired() throws Exception {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        String address = email("old");
        String sub = signUp(clientId, "old", Map.of("email", address)).statusCode(200).extract().path("userSub");
        String code = Mailbox.await(address, 1).code();
        try (Connection db = Db.connect(); PreparedStatement st = db.prepareStatement("UPDATE verification_codes "
                + "SET created_at = created_at - interval '24 hours', expires_at = expires_at - interval '24 hours' "
                + "WHERE pool_id = ? AND sub = ?::uuid AND attribute_name = 'sign_up:email'")) {
            st.setString(1, poolId);
            st.setString(2, sub);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        problem(confirm(clientId, "old", code), 400, "ExpiredCodeException",
                "Invalid code provided, please request a code again.");
    }

    @Test
    void resendSupersedesTheOldCodeAndHasAnHourlyLimit() {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        String address = email("fi");
        signUp(clientId, "fi", Map.of("email", address)).statusCode(200);
        String first = Mailbox.await(address, 1).code();
        resend(clientId, "fi").statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo(address.charAt(0) + "***@e***"))
                .body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"));
        String second = Mailbox.await(address, 2).code();
        if (!first.equals(second)) {
            problem(confirm(clientId, "fi", first), 400, "CodeMismatchException", null);
        }
        for (int i = 2; i <= 5; i++) {
            resend(clientId, "fi").statusCode(200);
        }
        problem(resend(clientId, "fi"), 429, "LimitExceededException",
                "Attempt limit exceeded, please try after some time.");
        problem(resend(clientId, "nobody"), 404, "UserNotFoundException", SignUpCodes.UNKNOWN);
        String noEmail = name("ne");
        signUp(clientId, noEmail, Map.of()).statusCode(200).body("codeDeliveryDetails", nullValue());
        problem(resend(clientId, noEmail), 400, "InvalidParameterException",
                "Cannot resend codes. User has no email or phone number to send a code to.");
        admin().post("/pools/{p}/users/{u}/confirm", poolId, noEmail).then().statusCode(204);
        problem(resend(clientId, noEmail), 400, "InvalidParameterException", "User is already confirmed.");
    }

    @Test
    void confirmationHasAnHourlyLimit() {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        signUp(clientId, "gus", Map.of()).statusCode(200);
        for (int i = 0; i < 15; i++) {
            problem(confirm(clientId, "gus", "123456"), 400, "ExpiredCodeException", null);
        }
        problem(confirm(clientId, "gus", "123456"), 429, "LimitExceededException",
                "Attempt limit exceeded, please try after some time.");
    }

    @Test
    void unknownUsersAreHiddenWhenTheClientPreventsUserExistenceErrors() {
        String poolId = emailPool();
        String legacy = client(poolId, Map.of());
        String hiding = client(poolId, Map.of("preventUserExistenceErrors", "ENABLED"));
        problem(confirm(legacy, "ghost", "123456"), 404, "UserNotFoundException", SignUpCodes.UNKNOWN);
        problem(confirm(hiding, "ghost", "123456"), 400, "CodeMismatchException",
                "Invalid verification code provided, please try again.");
        resend(hiding, "ghost").statusCode(200).body("codeDeliveryDetails.deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails.attributeName", equalTo("email"));
        String once = resend(hiding, "ghost").extract().path("codeDeliveryDetails.destination");
        assertThat(resend(hiding, "ghost").extract().<String>path("codeDeliveryDetails.destination")).isEqualTo(once);
        resend(hiding, "ghost@example.org").statusCode(200)
                .body("codeDeliveryDetails.destination", equalTo("g***@e***"));
        assertThat(Mailbox.to("ghost@example.org")).isEmpty();
    }

    @Test
    void aVerifiedAliasOfAnotherUserClashesUnlessForced() {
        String poolId = emailPool();
        String clientId = client(poolId, Map.of());
        String address = email("hal");
        createUser(poolId, "holder", Map.of("email", address, "email_verified", "true"));
        signUp(clientId, "hal", Map.of("email", address)).statusCode(200);
        String code = Mailbox.await(address, 1).code();
        problem(confirm(clientId, "hal", code), 409, "AliasExistsException",
                "An account with the given email already exists.");
        assertThat(user(poolId, "hal").getString("status")).isEqualTo("UNCONFIRMED");
        json(Map.of("clientId", clientId, "username", "hal", "code", code, "forceAliasCreation", true))
                .post("/auth/confirm-sign-up").then().statusCode(204);
        assertThat(user(poolId, "holder").getString("attributes.email_verified")).isEqualTo("false");
        assertThat(user(poolId, address).getString("username")).isEqualTo("hal");
    }

    @Test
    void theCustomMessageTriggerSeesSignUpAndResendAndItsVetoCreatesNobody() throws IOException {
        String poolId = pool(Map.of("aliasAttributes", List.of("email"), "autoVerifiedAttributes", List.of("email"),
                "triggers", Map.of("customMessage", Map.of("url",
                        "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", "secret", SECRET,
                        "timeoutMillis", 5000))));
        String clientId = client(poolId, Map.of());
        String address = email("ivy");
        veto = true;
        try {
            problem(signUp(clientId, "ivy", Map.of("email", address)), 400, "UserLambdaValidationException", null);
        } finally {
            veto = false;
        }
        admin().get("/pools/{p}/users/{u}", poolId, "ivy").then().statusCode(404);
        json(Map.of("clientId", clientId, "username", "ivy", "password", PASSWORD,
                "attributes", Map.of("email", address), "clientMetadata", Map.of("campaign", "spring")))
                .post("/auth/sign-up").then().statusCode(200);
        JsonNode event = JSON.readTree(EVENTS.get(EVENTS.size() - 1));
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_SignUp");
        assertThat(event.path("callerContext").path("clientId").asText()).isEqualTo(clientId);
        assertThat(event.path("request").path("clientMetadata").path("campaign").asText()).isEqualTo("spring");
        assertThat(event.path("request").path("userAttributes").path("cognito:user_status").asText())
                .isEqualTo("UNCONFIRMED");
        Mailbox.await(address, 1);
        json(Map.of("clientId", clientId, "username", "ivy", "clientMetadata", Map.of("step", "again")))
                .post("/auth/resend-confirmation-code").then().statusCode(200);
        event = JSON.readTree(EVENTS.get(EVENTS.size() - 1));
        assertThat(event.path("triggerSource").asText()).isEqualTo("CustomMessage_ResendCode");
        assertThat(event.path("request").path("clientMetadata").path("step").asText()).isEqualTo("again");
        confirm(clientId, "ivy", Mailbox.await(address, 2).code()).statusCode(204);
    }
}
