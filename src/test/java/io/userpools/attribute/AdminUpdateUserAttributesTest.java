package io.userpools.attribute;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminUpdateUserAttributesTest {

    private static final String PATH = "/pools/{poolId}/users/{username}/attributes";

    private static Response patch(String poolId, String username, Map<String, ?> attributes) {
        Map<String, Object> body = new HashMap<>();
        body.put("attributes", attributes);
        return adminJson(body).when().patch(PATH, poolId, username);
    }

    @Test
    void updatesSetAndDeleteAttributesAndAdvanceTheVersion() {
        String poolId = createPool();
        createUser(poolId, "alice", Map.of("nickname", "al", "custom:tier", "silver"));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("custom:tier", "gold");
        attributes.put("nickname", "");
        attributes.put("given_name", "Alice");
        patch(poolId, "alice", attributes).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("attributes.'custom:tier'", equalTo("gold"))
                .body("attributes.given_name", equalTo("Alice"))
                .body("attributes", not(hasKey("nickname")))
                .body("codeDeliveryDetails", nullValue());
        admin().get("/pools/{p}/users/{u}", poolId, "alice").then().statusCode(200)
                .header("ETag", "\"2\"").body("attributes.'custom:tier'", equalTo("gold"));
    }

    @Test
    void nullDeletesLikeBlank() {
        String poolId = createPool();
        createUser(poolId, "bob", Map.of("nickname", "b"));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("nickname", null);
        patch(poolId, "bob", attributes).then().statusCode(200).body("attributes", not(hasKey("nickname")));
    }

    @Test
    void invalidRequestsChangeNothingAndNameEveryProblem() {
        String poolId = createPool();
        createUser(poolId, "carol", Map.of("nickname", "c"));
        admin().contentType(ContentType.JSON)
                .body("{\"attributes\": {\"nickname\": \"cc\", \"tier\": \"gold\", \"favourite\": \"x\"}}")
                .patch(PATH, poolId, "carol").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("user.tier: Attribute does not exist in the schema.\n"
                        + "user.favourite: Attribute does not exist in the schema."));
        patch(poolId, "carol", Map.of("sub", "x")).then().statusCode(400)
                .body("detail", equalTo("user.sub: Attribute cannot be updated."));
        patch(poolId, "carol", Map.of("email", "not-an-email")).then().statusCode(400)
                .body("detail", equalTo("Invalid email address format."));
        patch(poolId, "carol", Map.of("phone_number", "0123")).then().statusCode(400)
                .body("detail", equalTo("Invalid phone number format."));
        patch(poolId, "carol", Map.of("nickname", "a\u0000b")).then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("user.nickname: Attribute value must not contain NUL characters"));
        patch(poolId, "carol", Map.of("custom:tier", "a\u0000b")).then().statusCode(400)
                .body("detail", equalTo("user.custom:tier: Attribute value must not contain NUL characters"));
        patch(poolId, "carol", Map.of("email_verified", "true")).then().statusCode(400)
                .body("detail", equalTo("Email is required to verify/un-verify an email"));
        admin().get("/pools/{p}/users/{u}", poolId, "carol").then()
                .body("version", equalTo(1)).body("attributes.nickname", equalTo("c"));
    }

    @Test
    void changingTheEmailResetsItsVerifiedFlagUnlessVerifiedInTheSameRequest() {
        String poolId = createPool();
        createUser(poolId, "dave", Map.of("email", "dave@example.com", "email_verified", "true"));
        patch(poolId, "dave", Map.of("email", "dave2@example.com")).then().statusCode(200)
                .body("attributes.email", equalTo("dave2@example.com"))
                .body("attributes.email_verified", equalTo("false"));
        patch(poolId, "dave", Map.of("email", "dave3@example.com", "email_verified", "true")).then().statusCode(200)
                .body("attributes.email_verified", equalTo("true"));
    }

    @Test
    void anEmailThatIsAnotherUsersUsernameAttributeIsAnAliasClash() {
        String poolId = createPool(Map.of("name", "by-email", "usernameAttributes", List.of("email")));
        createUser(poolId, "erin@example.com", Map.of());
        createUser(poolId, "frank@example.com", Map.of());
        patch(poolId, "frank@example.com", Map.of("email", "erin@example.com")).then().statusCode(409)
                .contentType(PROBLEM).body("code", equalTo("AliasExistsException"))
                .body("detail", equalTo("An account with the given email already exists."));
        patch(poolId, "frank@example.com", Map.of("email", "frank@example.com")).then().statusCode(200);
        patch(poolId, "frank@example.com", Map.of("email", "frank2@example.com")).then().statusCode(200);
        admin().get("/pools/{p}/users/{u}", poolId, "frank2@example.com").then().statusCode(200);
        admin().get("/pools/{p}/users/{u}", poolId, "frank@example.com").then().statusCode(404)
                .body("code", equalTo("UserNotFoundException"));
    }

    @Test
    void adminVerifiedAliasMovesFromItsPreviousHolder() {
        String poolId = createPool(Map.of("name", "alias", "aliasAttributes", List.of("email")));
        createUser(poolId, "gina", Map.of("email", "shared@example.com", "email_verified", "true"));
        createUser(poolId, "hank", Map.of());
        patch(poolId, "hank", Map.of("email", "shared@example.com", "email_verified", "true")).then().statusCode(200);
        admin().get("/pools/{p}/users/{u}", poolId, "shared@example.com").then().body("username", equalTo("hank"));
        admin().get("/pools/{p}/users/{u}", poolId, "gina").then()
                .body("attributes.email", equalTo("shared@example.com"))
                .body("attributes.email_verified", equalTo("false"))
                .body("version", equalTo(2));
    }

    @Test
    void ifMatchGuardsTheVersion() {
        String poolId = createPool();
        createUser(poolId, "ivy", Map.of());
        adminJson(Map.of("attributes", Map.of("nickname", "i"))).header("If-Match", "\"7\"")
                .patch(PATH, poolId, "ivy").then().statusCode(412).contentType(PROBLEM)
                .body("code", equalTo("PreconditionFailedException"));
        adminJson(Map.of("attributes", Map.of("nickname", "i"))).header("If-Match", "\"1\"")
                .patch(PATH, poolId, "ivy").then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void unknownPoolUserAndCredentialsAnswerTheirCodes() {
        String poolId = createPool();
        patch("us-east-1_unknown00", "x", Map.of("nickname", "n")).then().statusCode(404)
                .body("code", equalTo("ResourceNotFoundException"));
        patch(poolId, "nobody", Map.of("nickname", "n")).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException")).body("detail", equalTo("User does not exist."));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("attributes", Map.of()))
                .patch(PATH, poolId, "nobody").then().statusCode(401).body("code", equalTo("NotAuthorizedException"));
        admin().contentType(ContentType.JSON).body("{\"attributes\": {\"nickname\": \"a\", \"nickname\": \"b\"}}")
                .patch(PATH, poolId, "nobody").then().statusCode(400).body("code", equalTo("InvalidParameterException"));
        admin().contentType(ContentType.JSON).body("{}").patch(PATH, poolId, "nobody").then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void thirtyTwoConcurrentUpdatesOfOneUserAllLand() throws Exception {
        concurrentUpdates(false);
    }

    @Test
    void thirtyTwoConcurrentLockedUpdatesOfOneUserNamedBySubAllLand() throws Exception {
        concurrentUpdates(true);
    }

    private void concurrentUpdates(boolean bySub) throws Exception {
        Map<String, Object> pool = new HashMap<>();
        pool.put("name", "concurrent");
        List<Map<String, Object>> schema = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            schema.add(Map.of("name", "a" + i, "type", "String"));
        }
        pool.put("schema", schema);
        String poolId = createPool(pool);
        createUser(poolId, "busy", Map.of());
        String target = bySub ? admin().get("/pools/{p}/users/{u}", poolId, "busy").jsonPath().getString("sub") : "busy";
        var executor = java.util.concurrent.Executors.newFixedThreadPool(32);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int n = i;
            answers.add(executor.submit(() -> {
                start.await();
                return patch(poolId, target, Map.of("custom:a" + n, "v" + n)).statusCode();
            }));
        }
        start.countDown();
        for (var answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }
        executor.shutdown();
        Response user = admin().get("/pools/{p}/users/{u}", poolId, "busy");
        assertThat(user.jsonPath().getInt("version")).isEqualTo(33);
        Map<String, String> stored = user.jsonPath().getMap("attributes");
        for (int i = 0; i < 32; i++) {
            assertThat(stored).containsEntry("custom:a" + i, "v" + i);
        }
    }
}
