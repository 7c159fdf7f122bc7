package io.userpools.user;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.json;
import static io.userpools.support.Auth.signIn;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdminSetUserPassword, AdminDisableUser and AdminEnableUser. */
@QuarkusTest
class UserAccountResourceTest {

    @Test
    void aPermanentPasswordConfirmsTheUserAndATemporaryOneForcesAChange() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        createUser(poolId, "alice", Map.of());
        adminJson(Map.of("password", "Perm#Passw0rd", "permanent", true))
                .when().put("/pools/{p}/users/alice/password", poolId).then().statusCode(204);
        admin().get("/pools/{p}/users/alice", poolId).then().body("status", equalTo("CONFIRMED"));
        signIn(clientId, "alice", "Perm#Passw0rd").getString("accessToken");
        adminJson(Map.of("password", "Temp#Passw0rd2"))
                .when().put("/pools/{p}/users/alice/password", poolId).then().statusCode(204);
        admin().get("/pools/{p}/users/alice", poolId).then().body("status", equalTo("FORCE_CHANGE_PASSWORD"));
        json(Map.of("clientId", clientId, "username", "alice", "password", "Temp#Passw0rd2"))
                .when().post("/auth/sign-in").then().statusCode(200)
                .body("challengeName", equalTo("NEW_PASSWORD_REQUIRED"));
        json(Map.of("clientId", clientId, "username", "alice", "password", "Perm#Passw0rd"))
                .when().post("/auth/sign-in").then().statusCode(401);
    }

    @Test
    void thePoolsPasswordPolicyApplies() {
        String poolId = createPool(Map.of("name", "strict", "passwordPolicy", Map.of("minimumLength", 12,
                "requireUppercase", true, "requireLowercase", true, "requireNumbers", true, "requireSymbols", false)));
        createUser(poolId, "alice", Map.of());
        adminJson(Map.of("password", "Short1a", "permanent", true))
                .when().put("/pools/{p}/users/alice/password", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidPasswordException"))
                .body("detail", equalTo("Password does not conform to policy: Password not long enough"));
        adminJson(Map.of("password", "longbutnouppercase1", "permanent", true))
                .when().put("/pools/{p}/users/alice/password", poolId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("Password does not conform to policy: Password must have uppercase characters"));
        adminJson(Map.of("password", "LongEnoughNoSymbol1", "permanent", true))
                .when().put("/pools/{p}/users/alice/password", poolId).then().statusCode(204);
    }

    @Test
    void setPasswordErrors() {
        String poolId = createPool();
        adminJson(Map.of("password", "Perm#Passw0rd", "permanent", true))
                .when().put("/pools/{p}/users/nobody/password", poolId)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("UserNotFoundException"));
        adminJson(Map.of("password", "Perm#Passw0rd", "permanent", true))
                .when().put("/pools/{p}/users/nobody/password", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        createUser(poolId, "alice", Map.of());
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("permanent", true),
                Map.of("password", " lead#Passw0rd", "permanent", true), Map.of("password", "Perm#Passw0rd", "x", 1))) {
            adminJson(body).when().put("/pools/{p}/users/alice/password", poolId)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
        given().contentType("application/json").body(Map.of("password", "Perm#Passw0rd"))
                .when().put("/pools/{p}/users/alice/password", poolId)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void disableAndEnableShowInTheUserView() {
        String poolId = createPool();
        createUser(poolId, "alice", Map.of());
        admin().post("/pools/{p}/users/alice/disable", poolId).then().statusCode(204);
        admin().get("/pools/{p}/users/alice", poolId).then().body("enabled", equalTo(false));
        admin().post("/pools/{p}/users/alice/enable", poolId).then().statusCode(204);
        admin().get("/pools/{p}/users/alice", poolId).then().body("enabled", equalTo(true));
        admin().post("/pools/{p}/users/nobody/disable", poolId)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("UserNotFoundException"));
        admin().post("/pools/{p}/users/nobody/enable", poolId)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("UserNotFoundException"));
        admin().post("/pools/{p}/users/alice/disable", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        given().post("/pools/{p}/users/alice/disable", poolId).then().statusCode(401).contentType(PROBLEM);
    }
}
