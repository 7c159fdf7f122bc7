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
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Field 'attributes.nickname' must not contain NUL"));
        patch(poolId, "carol", Map.of("custom:tier", "a\u0000b")).then().statusCode(400)
                .body("detail", equalTo("Field 'attributes.custom:tier' must not contain NUL"));
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

    @Test
    void concurrentWritesThatChangeNothingDoNotAdvanceTheVersion() throws Exception {
        String poolId = createPool(poolWithAttributes(16));
        createUser(poolId, "steady", Map.of("custom:a0", "same"));
        // 16 writes that change something, 16 that repeat the stored value; all at once
        List<Response> answers = concurrently(32, n -> patch(poolId, "steady",
                n % 2 == 0 ? Map.of("custom:a" + n / 2, n == 0 ? "same" : "v" + n) : Map.of("custom:a0", "same")));
        for (Response answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.jsonPath().getString("attributes.'custom:a0'")).isEqualTo("same");
        }
        Response user = admin().get("/pools/{p}/users/{u}", poolId, "steady");
        // n = 0 repeats "same" too: 15 of the 32 writes change something
        assertThat(user.jsonPath().getInt("version")).isEqualTo(1 + 15);
        assertThat(answers.stream().mapToInt(a -> a.jsonPath().getInt("version")).max().orElseThrow()).isEqualTo(16);
    }

    @Test
    void concurrentSetsAndDeletesOfOneAttributeLeaveOneOfTheWrittenStates() throws Exception {
        String poolId = createPool(poolWithAttributes(1));
        createUser(poolId, "flip", Map.of("custom:a0", "start"));
        List<Response> answers = concurrently(32, n -> {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("custom:a0", n % 4 == 0 ? "" : "v" + n);
            return patch(poolId, "flip", attributes);
        });
        // every answer shows its own write: its value, or no value after its delete
        for (int n = 0; n < 32; n++) {
            assertThat(answers.get(n).statusCode()).isEqualTo(200);
            assertThat(answers.get(n).jsonPath().getString("attributes.'custom:a0'")).isEqualTo(n % 4 == 0 ? null : "v" + n);
        }
        // the stored state is the one of the answer with the highest version
        Response highest = answers.stream().max(java.util.Comparator.comparingInt(a -> a.jsonPath().getInt("version")))
                .orElseThrow();
        Response user = admin().get("/pools/{p}/users/{u}", poolId, "flip");
        assertThat(user.jsonPath().getInt("version")).isEqualTo(highest.jsonPath().getInt("version"));
        assertThat(user.jsonPath().getString("attributes.'custom:a0'"))
                .isEqualTo(highest.jsonPath().getString("attributes.'custom:a0'"));
    }

    private static Map<String, Object> poolWithAttributes(int count) {
        Map<String, Object> pool = new HashMap<>();
        pool.put("name", "concurrent");
        List<Map<String, Object>> schema = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            schema.add(Map.of("name", "a" + i, "type", "String"));
        }
        pool.put("schema", schema);
        return pool;
    }

    /** Sends {@code count} requests at once (request n from its own thread); the answers in order of n. */
    private static List<Response> concurrently(int count, java.util.function.IntFunction<Response> request)
            throws Exception {
        var executor = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Response>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<Response> answers = new java.util.ArrayList<>();
            for (var future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            executor.shutdown();
        }
    }

    private void concurrentUpdates(boolean bySub) throws Exception {
        String poolId = createPool(poolWithAttributes(32));
        createUser(poolId, "busy", Map.of());
        String target = bySub ? admin().get("/pools/{p}/users/{u}", poolId, "busy").jsonPath().getString("sub") : "busy";
        List<Response> answers = concurrently(32, n -> patch(poolId, target, Map.of("custom:a" + n, "v" + n)));
        java.util.Set<Integer> versions = new java.util.TreeSet<>();
        for (int n = 0; n < 32; n++) {
            Response answer = answers.get(n);
            assertThat(answer.statusCode()).isEqualTo(200);
            // each answer shows the user as its own write left it, at a version of its own
            assertThat(answer.jsonPath().getString("attributes.'custom:a" + n + "'")).isEqualTo("v" + n);
            assertThat(answer.header("ETag")).isEqualTo("\"" + answer.jsonPath().getInt("version") + "\"");
            versions.add(answer.jsonPath().getInt("version"));
        }
        assertThat(versions).hasSize(32).first().isEqualTo(2);
        assertThat(versions).last().isEqualTo(33);
        Response user = admin().get("/pools/{p}/users/{u}", poolId, "busy");
        assertThat(user.jsonPath().getInt("version")).isEqualTo(33);
        Map<String, String> stored = user.jsonPath().getMap("attributes");
        for (int i = 0; i < 32; i++) {
            assertThat(stored).containsEntry("custom:a" + i, "v" + i);
        }
    }
}
