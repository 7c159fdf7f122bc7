package io.userpools.password;

import static io.userpools.password.Resets.NEW_PASSWORD;
import static io.userpools.password.Resets.adminReset;
import static io.userpools.password.Resets.confirm;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.pool;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createUser;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AdminResetUserPassword on REST (lifecycle spec 4.4, 4.5): the user becomes RESET_REQUIRED, the
 * old password answers PasswordResetRequiredException at sign-in (a wrong one still answers
 * Incorrect username or password), refresh and access tokens stop working, the mailed code
 * finishes the reset; and each refusal: pool, user, disabled, FORCE_CHANGE_PASSWORD, no verified
 * channel.
 */
@QuarkusTest
class AdminResetUserPasswordTest {

    @Test
    void theUserMustResetAndTheMailedCodeFinishesIt() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("ann");
        Resets.confirmedWithEmail(poolId, "ann", address);
        JsonPath tokens = Auth.signIn(clientId, "ann", Auth.PASSWORD);
        admin().contentType(ContentType.JSON).body(Map.of("clientMetadata", Map.of("why", "leak")))
                .post(Resets.RESET, poolId, "ann").then().statusCode(204);
        assertThat(Resets.status(poolId, "ann")).isEqualTo("RESET_REQUIRED");
        Mailbox.Mail mail = Mailbox.await(address, 1);
        assertThat(mail.body()).matches("Your password reset code is [0-9]{6}");

        json(Map.of("clientId", clientId, "username", "ann", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("PasswordResetRequiredException"))
                .body("detail", equalTo("Password reset required for the user"));
        json(Map.of("clientId", clientId, "username", "ann", "password", "Wr0ng#Passw0rd")).post("/auth/sign-in")
                .then().statusCode(401).body("detail", equalTo("Incorrect username or password."));
        json(Map.of("clientId", clientId, "refreshToken", tokens.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(400).body("code", equalTo("PasswordResetRequiredException"));
        bearer(tokens.getString("accessToken")).get("/me").then().statusCode(400)
                .body("code", equalTo("PasswordResetRequiredException"));

        confirm(clientId, "ann", mail.code(), NEW_PASSWORD).then().statusCode(204);
        assertThat(Resets.status(poolId, "ann")).isEqualTo("CONFIRMED");
        Auth.signIn(clientId, "ann", NEW_PASSWORD);
        json(Map.of("clientId", clientId, "refreshToken", tokens.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(200);
    }

    @Test
    void aSecondResetSendsAFreshCodeWithoutABody() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        String address = email("bob");
        Resets.confirmedWithEmail(poolId, "bob", address);
        adminReset(poolId, "bob").then().statusCode(204);
        Mailbox.await(address, 1);
        adminReset(poolId, "bob").then().statusCode(204);
        String code = Mailbox.await(address, 2).code();
        assertThat(Resets.status(poolId, "bob")).isEqualTo("RESET_REQUIRED");
        // ForgotPassword also serves a user in RESET_REQUIRED
        String fresh = Resets.mailedCode(clientId, "bob", address);
        if (!fresh.equals(code)) {
            confirm(clientId, "bob", code, NEW_PASSWORD).then().statusCode(400)
                    .body("code", equalTo("CodeMismatchException"));
        }
        confirm(clientId, "bob", fresh, NEW_PASSWORD).then().statusCode(204);
    }

    @Test
    void unknownPoolAndUserAreNotFound() {
        adminReset("us-east-1_nosuchpool", "ann").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"));
        adminReset(pool(), "nobody").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException")).body("detail", equalTo("User does not exist."));
    }

    @Test
    void disabledAndNotYetConfirmedUsersAreRefusedAndNothingChanges() {
        String poolId = pool();
        String address = email("cal");
        Resets.confirmedWithEmail(poolId, "cal", address);
        admin().post("/pools/{p}/users/{u}/disable", poolId, "cal").then().statusCode(204);
        adminReset(poolId, "cal").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo("User is disabled."));
        assertThat(Resets.status(poolId, "cal")).isEqualTo("CONFIRMED");
        String other = email("dee");
        createUser(poolId, "dee", Map.of("email", other, "email_verified", "true"));
        adminReset(poolId, "dee").then().statusCode(401)
                .body("detail", equalTo("User password cannot be reset in the current state."));
        assertThat(Resets.status(poolId, "dee")).isEqualTo("FORCE_CHANGE_PASSWORD");
        Outbox.assertNothingSent(poolId, address);
        Outbox.assertNothingSent(poolId, other);
    }

    @Test
    void withoutAVerifiedChannelNothingChanges() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Auth.confirmedUser(poolId, "eve", Map.of("email", email("eve")));
        adminReset(poolId, "eve").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Cannot reset password for the user as there is no registered/verified "
                        + "email or phone_number"));
        assertThat(Resets.status(poolId, "eve")).isEqualTo("CONFIRMED");
        Auth.signIn(clientId, "eve", Auth.PASSWORD);
    }

    @Test
    void withoutAdminKeyTheRouteIsClosed() {
        io.restassured.RestAssured.given().post(Resets.RESET, pool(), "ann").then().statusCode(401)
                .body("code", equalTo("NotAuthorizedException"));
    }
}
