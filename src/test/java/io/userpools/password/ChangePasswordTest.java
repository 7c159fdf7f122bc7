package io.userpools.password;

import static io.userpools.password.Resets.NEW_PASSWORD;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.pool;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.userpools.support.Auth;
import io.userpools.support.Lockouts;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ChangePassword on REST (lifecycle spec 4.3): the new password signs in and the old does not,
 * sessions are kept (spec 4.5), and each refusal: no token, no previous password, a wrong one
 * (which counts toward the sign-in lockout, issue 15), a password the policy refuses, and 5 calls
 * per user and hour.
 */
@QuarkusTest
class ChangePasswordTest {

    static Response change(String token, String previous, String proposed) {
        Map<String, String> body = new HashMap<>();
        if (previous != null) {
            body.put("previousPassword", previous);
        }
        body.put("proposedPassword", proposed);
        return bearer(token).contentType(ContentType.JSON).body(body).when().put("/me/password");
    }

    record SignedIn(String poolId, String clientId, String token) {
    }

    /** A CONFIRMED user alone in a new pool, signed in through a password client. */
    static SignedIn signedIn(String username) {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, username, email(username));
        return new SignedIn(poolId, clientId, Auth.accessToken(clientId, username));
    }

    @Test
    void theNewPasswordSignsInAndSessionsAreKept() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "ann", email("ann"));
        JsonPath other = Auth.signIn(clientId, "ann", Auth.PASSWORD);
        String token = Auth.accessToken(clientId, "ann");
        change(token, Auth.PASSWORD, NEW_PASSWORD).then().statusCode(204);
        Auth.signIn(clientId, "ann", NEW_PASSWORD);
        json(Map.of("clientId", clientId, "username", "ann", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(401).body("code", equalTo("NotAuthorizedException"));
        bearer(token).get("/me").then().statusCode(200);
        bearer(other.getString("accessToken")).get("/me").then().statusCode(200);
        json(Map.of("clientId", clientId, "refreshToken", other.getString("refreshToken"))).post("/auth/refresh")
                .then().statusCode(200);
    }

    @Test
    void withoutATokenTheRouteIsClosed() {
        Auth.json(Map.of("previousPassword", Auth.PASSWORD, "proposedPassword", NEW_PASSWORD)).put("/me/password")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void thePreviousPasswordIsRequiredAndMustBeRight() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "bob", email("bob"));
        String token = Auth.accessToken(clientId, "bob");
        change(token, null, NEW_PASSWORD).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Missing required parameter PreviousPassword"));
        change(token, "Wr0ng#Passw0rd", NEW_PASSWORD).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo("Incorrect username or password."));
        Auth.signIn(clientId, "bob", Auth.PASSWORD);
    }

    @Test
    void wrongPreviousPasswordsFeedTheSignInLockout() throws SQLException {
        SignedIn u = signedIn("eve");
        for (int i = 0; i < 4; i++) {
            change(u.token(), "Wr0ng#Passw0rd", NEW_PASSWORD).then().statusCode(401)
                    .body("detail", equalTo("Incorrect username or password."));
        }
        assertThat(Lockouts.failures(u.poolId())).isEqualTo(4);
        json(Map.of("clientId", u.clientId(), "username", "eve", "password", "Wr0ng#Passw0rd")).post("/auth/sign-in")
                .then().statusCode(401).body("detail", equalTo("Incorrect username or password."));
        Lockouts.hold(u.poolId());
        change(u.token(), Auth.PASSWORD, NEW_PASSWORD).then().statusCode(401).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo("Password attempts exceeded"));
        json(Map.of("clientId", u.clientId(), "username", "eve", "password", Auth.PASSWORD)).post("/auth/sign-in")
                .then().statusCode(401).body("detail", equalTo("Password attempts exceeded"));
        assertThat(Lockouts.failures(u.poolId())).isEqualTo(5);
    }

    @Test
    void aChangedPasswordForgetsEarlierFailures() throws SQLException {
        SignedIn u = signedIn("fay");
        for (int i = 0; i < 3; i++) {
            json(Map.of("clientId", u.clientId(), "username", "fay", "password", "Wr0ng#Passw0rd")).post("/auth/sign-in")
                    .then().statusCode(401);
        }
        assertThat(Lockouts.failures(u.poolId())).isEqualTo(3);
        change(u.token(), Auth.PASSWORD, NEW_PASSWORD).then().statusCode(204);
        assertThat(Lockouts.failures(u.poolId())).isZero();
    }

    @Test
    void fiveCallsPerUserAndHourThenLimitExceeded() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "dan", email("dan"));
        String token = Auth.accessToken(clientId, "dan");
        for (int i = 0; i < 4; i++) {
            change(token, "Wr0ng#Passw0rd", NEW_PASSWORD).then().statusCode(401);
        }
        change(token, Auth.PASSWORD, "NoDigits#here").then().statusCode(400); // right previous: failures forgotten
        change(token, Auth.PASSWORD, NEW_PASSWORD).then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("LimitExceededException"))
                .body("detail", equalTo("Attempt limit exceeded, please try after some time."));
        Auth.signIn(clientId, "dan", Auth.PASSWORD);
    }
}
