package io.userpools.lockout;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.userpools.support.Auth;
import io.userpools.support.Lockouts;
import io.userpools.support.Mailbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the sign-in lockout covers the code checks by username. A wrong code of ConfirmSignUp,
 * of its confirmation link or of ConfirmForgotPassword counts as a failed sign-in; while the user
 * is locked out those checks answer LimitExceededException without looking at the code; a right
 * code clears nothing, but ConfirmForgotPassword's new password does. Over REST, against
 * PostgreSQL and the test SMTP server.
 */
@QuarkusTest
class CodeCheckLockoutTest {

    private static final String LIMIT = "Attempt limit exceeded, please try after some time.";
    private static final String NEW_PASSWORD = "N3w#Passw0rd";

    private static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static Response confirmSignUp(String clientId, String username, String code) {
        return json(Map.of("clientId", clientId, "username", username, "code", code)).post("/auth/confirm-sign-up");
    }

    private static Response confirmForgot(String clientId, String username, String code) {
        return json(Map.of("clientId", clientId, "username", username, "code", code, "password", NEW_PASSWORD))
                .post("/auth/confirm-forgot-password");
    }

    private static void limited(Response response) {
        response.then().statusCode(429).contentType(PROBLEM).body("code", equalTo("LimitExceededException"))
                .body("detail", equalTo(LIMIT)).header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void confirmSignUpCountsWrongCodesAndIsRefusedUncheckedWhileLockedOut() throws Exception {
        String poolId = createPool(Map.of("name", "lock-su", "autoVerifiedAttributes", List.of("email")));
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("sue");
        json(Map.of("clientId", clientId, "username", "sue", "password", Auth.PASSWORD,
                "attributes", Map.of("email", address))).post("/auth/sign-up").then().statusCode(200);
        String code = Mailbox.await(address, 1).code();
        confirmSignUp(clientId, "sue", wrong(code)).then().statusCode(400)
                .body("code", equalTo("CodeMismatchException"));
        assertThat(Lockouts.failures(poolId)).isEqualTo(1);

        Lockouts.lock(poolId);
        limited(confirmSignUp(clientId, "sue", code));
        limited(confirmSignUp(clientId, "sue", wrong(code)));
        io.restassured.RestAssured.given().accept("text/html").queryParam("client_id", clientId)
                .queryParam("user_name", "sue").queryParam("confirmation_code", code)
                .get("/pools/{p}/confirm-user", poolId).then().statusCode(429)
                .contentType(containsString("text/html")).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body(containsString(LIMIT));
        assertThat(Lockouts.failures(poolId)).as("locked attempts change nothing").isEqualTo(1);
        admin().get("/pools/{p}/users/{u}", poolId, "sue").then().body("status", equalTo("UNCONFIRMED"));

        Lockouts.unlock(poolId);
        confirmSignUp(clientId, "sue", code).then().statusCode(204);
        assertThat(Lockouts.failures(poolId)).as("a right code clears nothing").isEqualTo(1);
    }

    @Test
    void wrongLinkCodesCountToo() throws Exception {
        String poolId = createPool(Map.of("name", "lock-link", "autoVerifiedAttributes", List.of("email"),
                "messaging", Map.of("defaultEmailOption", "CONFIRM_WITH_LINK")));
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("lin");
        json(Map.of("clientId", clientId, "username", "lin", "password", Auth.PASSWORD,
                "attributes", Map.of("email", address))).post("/auth/sign-up").then().statusCode(200);
        Mailbox.await(address, 1);
        io.restassured.RestAssured.given().accept("text/html").queryParam("client_id", clientId)
                .queryParam("user_name", "lin").queryParam("confirmation_code", "12345x")
                .get("/pools/{p}/confirm-user", poolId).then().statusCode(400)
                .body(containsString("CodeMismatchException"));
        assertThat(Lockouts.failures(poolId)).isEqualTo(1);
    }

    @Test
    void confirmForgotPasswordCountsWrongCodesLocksSignInAndItsNewPasswordClearsTheLockout() throws Exception {
        String poolId = createPool(Map.of("name", "lock-fp"));
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("fay");
        Auth.confirmedUser(poolId, "fay", Map.of("email", address, "email_verified", "true"));
        json(Map.of("clientId", clientId, "username", "fay")).post("/auth/forgot-password").then().statusCode(200);
        String code = Mailbox.await(address, 1).code();
        for (int i = 0; i < 4; i++) {
            json(Map.of("clientId", clientId, "username", "fay", "password", "Wr0ng#Pass")).post("/auth/sign-in")
                    .then().statusCode(401).body("detail", equalTo("Incorrect username or password."));
        }
        confirmForgot(clientId, "fay", wrong(code)).then().statusCode(400)
                .body("code", equalTo("CodeMismatchException"));
        assertThat(Lockouts.failures(poolId)).isEqualTo(5);
        Lockouts.hold(poolId);
        json(Map.of("clientId", clientId, "username", "fay", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(401).body("detail", equalTo("Password attempts exceeded"));
        limited(confirmForgot(clientId, "fay", code));

        Lockouts.unlock(poolId);
        confirmForgot(clientId, "fay", code).then().statusCode(204);
        assertThat(Lockouts.failures(poolId)).as("the new password clears the lockout").isZero();
        Auth.signIn(clientId, "fay", NEW_PASSWORD);
    }
}
