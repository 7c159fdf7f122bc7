package io.userpools.auth;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.PASSWORD;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createClient;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.json;
import static io.userpools.support.Auth.passwordPool;
import static io.userpools.support.Auth.signIn;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Auth.PasswordPool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /me, PATCH and DELETE /me/attributes, global sign-out, and pool isolation. */
@QuarkusTest
class SelfServiceTest {

    private static final List<String> FLOWS = List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");

    @Test
    void getUserShowsOnlyTheClientsReadableAttributes() {
        String poolId = createPool();
        String narrow = createClient(poolId, Map.of("name", "narrow", "explicitAuthFlows", FLOWS,
                "readAttributes", List.of("email"))).getString("clientId");
        String wide = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("email", "alice@example.com", "name", "Alice", "custom:tier", "gold"));
        bearer(accessToken(narrow, "alice")).when().get("/me")
                .then().statusCode(200)
                .body("username", equalTo("alice"))
                .body("attributes.email", equalTo("alice@example.com"))
                .body("attributes", hasKey("sub"))
                .body("attributes", not(hasKey("name")))
                .body("attributes", not(hasKey("custom:tier")));
        bearer(accessToken(wide, "alice")).when().get("/me")
                .then().statusCode(200)
                .body("attributes.name", equalTo("Alice"))
                .body("attributes", not(hasKey("custom:tier")));
    }

    @Test
    void updateUserAttributesWritesWithinTheWriteList() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("name", "Alice", "nickname", "al"));
        String token = accessToken(clientId, "alice");
        bearer(token).contentType(ContentType.JSON)
                .body(Map.of("attributes", Map.of("name", "Alice Liddell", "nickname", "")))
                .when().patch("/me/attributes")
                .then().statusCode(200)
                .body("codeDeliveryDetails", empty())
                .body("user.attributes.name", equalTo("Alice Liddell"))
                .body("user.attributes", not(hasKey("nickname")));
        admin().when().get("/pools/{p}/users/alice", poolId).then().statusCode(200)
                .body("attributes.name", equalTo("Alice Liddell"));
    }

    @Test
    void updateUserAttributesRefusesWhatTheClientMayNotWrite() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("email", "alice@example.com"));
        String token = accessToken(clientId, "alice");
        for (String name : List.of("custom:tier", "email_verified")) {
            bearer(token).contentType(ContentType.JSON).body(Map.of("attributes", Map.of(name, "true")))
                    .when().patch("/me/attributes")
                    .then().statusCode(403).contentType(PROBLEM)
                    .body("code", equalTo("NotAuthorizedException"))
                    .body("detail", equalTo("A client attempted to write unauthorized attribute"));
        }
        bearer(token).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("nope", "x")))
                .when().patch("/me/attributes")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        admin().when().get("/pools/{p}/users/alice", poolId).then()
                .body("attributes", not(hasKey("custom:tier")))
                .body("attributes", not(hasKey("email_verified")));
    }

    @Test
    void anExplicitWriteListAllowsCustomAttributes() {
        String poolId = createPool();
        String clientId = createClient(poolId, Map.of("name", "web", "explicitAuthFlows", FLOWS,
                "readAttributes", List.of("custom:tier"), "writeAttributes", List.of("custom:tier")))
                .getString("clientId");
        confirmedUser(poolId, "alice", Map.of("name", "Alice"));
        String token = accessToken(clientId, "alice");
        bearer(token).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("custom:tier", "gold")))
                .when().patch("/me/attributes")
                .then().statusCode(200).body("user.attributes.'custom:tier'", equalTo("gold"))
                .body("user.attributes", not(hasKey("name")));
        bearer(token).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("name", "Mallory")))
                .when().patch("/me/attributes")
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void deleteUserAttributesRemovesWritableOnes() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("name", "Alice", "nickname", "al"));
        String token = accessToken(clientId, "alice");
        bearer(token).queryParam("name", "nickname").when().delete("/me/attributes")
                .then().statusCode(200).body("attributes", not(hasKey("nickname")))
                .body("attributes.name", equalTo("Alice"));
        bearer(token).queryParam("name", "nope").when().delete("/me/attributes")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        bearer(token).queryParam("name", "sub").when().delete("/me/attributes")
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
        bearer(token).queryParam("name", "custom:tier").when().delete("/me/attributes")
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void selfServiceAttributeCallsNeedAValidToken() {
        json(Map.of("attributes", Map.of("name", "x"))).when().patch("/me/attributes")
                .then().statusCode(401).contentType(PROBLEM).body("detail", equalTo("Invalid Access Token"));
        bearer("test-admin-secret").queryParam("name", "name").when().delete("/me/attributes")
                .then().statusCode(401).contentType(PROBLEM).body("detail", equalTo("Invalid Access Token"));
    }

    @Test
    void globalSignOutRevokesEverythingIssuedBeforeButNotAfter() {
        PasswordPool pool = passwordPool("alice");
        JsonPath first = signIn(pool.clientId(), "alice", PASSWORD);
        String second = accessToken(pool.clientId(), "alice");
        bearer(first.getString("accessToken")).when().post("/me/global-sign-out").then().statusCode(204);
        bearer(first.getString("accessToken")).when().post("/me/global-sign-out")
                .then().statusCode(401).contentType(PROBLEM).body("detail", equalTo("Access Token has been revoked"));
        bearer(second).when().get("/me")
                .then().statusCode(401).body("detail", equalTo("Access Token has been revoked"));
        json(Map.of("clientId", pool.clientId(), "refreshToken", first.getString("refreshToken"))).when()
                .post("/auth/refresh").then().statusCode(401).contentType(PROBLEM)
                .body("detail", equalTo("Refresh Token has been revoked"));
        JsonPath after = signIn(pool.clientId(), "alice", PASSWORD);
        bearer(after.getString("accessToken")).when().get("/me").then().statusCode(200);
        json(Map.of("clientId", pool.clientId(), "refreshToken", after.getString("refreshToken"))).when()
                .post("/auth/refresh").then().statusCode(200).body("refreshToken", nullValue());
    }

    @Test
    void adminUserGlobalSignOutRevokesTheUsersTokens() {
        PasswordPool pool = passwordPool("alice", "bob");
        String alice = accessToken(pool.clientId(), "alice");
        String bob = accessToken(pool.clientId(), "bob");
        admin().when().post("/pools/{p}/users/alice/global-sign-out", pool.poolId()).then().statusCode(204);
        bearer(alice).when().get("/me").then().statusCode(401).body("detail", equalTo("Access Token has been revoked"));
        bearer(bob).when().get("/me").then().statusCode(200);
        admin().when().post("/pools/{p}/users/nobody/global-sign-out", pool.poolId())
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("UserNotFoundException"));
        admin().when().post("/pools/{p}/users/alice/global-sign-out", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
    }

    @Test
    void aPoolsTokenNeverReachesAnotherPool() {
        String poolA = createPool();
        String poolB = createPool();
        String clientA = createPasswordClient(poolA);
        createPasswordClient(poolB);
        confirmedUser(poolA, "alice", Map.of("name", "A"));
        confirmedUser(poolB, "alice", Map.of("name", "B"));
        String tokenA = accessToken(clientA, "alice");
        bearer(tokenA).when().get("/me").then().statusCode(200).body("attributes.name", equalTo("A"));
        bearer(tokenA).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("name", "changed")))
                .when().patch("/me/attributes").then().statusCode(200);
        admin().when().get("/pools/{p}/users/alice", poolB).then().body("attributes.name", equalTo("B"));
        bearer(tokenA).when().post("/me/global-sign-out").then().statusCode(204);
        // pool B's alice still signs in and works
        String clientB = createPasswordClient(poolB);
        bearer(accessToken(clientB, "alice")).when().get("/me").then().statusCode(200)
                .body("attributes.name", equalTo("B")).body("pendingAttributes", anEmptyMap());
    }
}
