package io.userpools.password;

import static io.userpools.password.Resets.NEW_PASSWORD;
import static io.userpools.password.Resets.email;
import static io.userpools.password.Resets.pool;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.userpools.support.Auth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ChangePassword on REST (lifecycle spec 4.3): the new password signs in and the old does not,
 * sessions are kept (spec 4.5), and each refusal: no token, no previous password, a wrong one
 * (which does not lock sign-in out), a password the policy refuses, and 5 calls per user and hour.
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
        for (int i = 0; i < 4; i++) {
            change(token, "Wr0ng#Passw0rd", NEW_PASSWORD).then().statusCode(401).contentType(PROBLEM)
                    .body("code", equalTo("NotAuthorizedException"))
                    .body("detail", equalTo("Incorrect username or password."));
        }
        Auth.signIn(clientId, "bob", Auth.PASSWORD); // wrong previous passwords do not lock sign-in out
    }

    @Test
    void thePolicyAppliesToTheProposedPassword() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "cat", email("cat"));
        String token = Auth.accessToken(clientId, "cat");
        change(token, Auth.PASSWORD, "NoDigits#here").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidPasswordException"))
                .body("detail", equalTo("Password did not conform with policy: Password must have numeric characters"));
        change(token, Auth.PASSWORD, "x".repeat(257)).then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
        Auth.signIn(clientId, "cat", Auth.PASSWORD);
    }

    @Test
    void fiveCallsPerUserAndHourThenLimitExceeded() {
        String poolId = pool();
        String clientId = Auth.createPasswordClient(poolId);
        Resets.confirmedWithEmail(poolId, "dan", email("dan"));
        String token = Auth.accessToken(clientId, "dan");
        for (int i = 0; i < 5; i++) {
            change(token, "Wr0ng#Passw0rd", NEW_PASSWORD).then().statusCode(401);
        }
        change(token, Auth.PASSWORD, NEW_PASSWORD).then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("LimitExceededException"))
                .body("detail", equalTo("Attempt limit exceeded, please try after some time."));
        Auth.signIn(clientId, "dan", Auth.PASSWORD);
    }
}
