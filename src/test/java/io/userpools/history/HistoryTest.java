package io.userpools.history;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.support.Auth;
import io.userpools.support.Mailbox;
import io.userpools.support.WebhookAnswers;
import io.userpools.verification.VerificationService;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every accepted change to a user records exactly one history entry, with its operation, request
 * id, actor, version and changes; a refused request records nothing; entries outlive the user.
 */
@QuarkusTest
class HistoryTest {

    static final String HISTORY = "/pools/{p}/users/{u}/history";
    static final String PATCH = "/pools/{p}/users/{u}/attributes";

    @Inject
    io.vertx.mutiny.sqlclient.Pool sql;
    @Inject
    PoolService pools;
    @Inject
    VerificationService verification;
    @Inject
    HistoryPurge purge;

    static JsonPath history(String poolId, String user) {
        return admin().get(HISTORY, poolId, user).then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> entries(String poolId, String user) {
        return history(poolId, user).getList("entries");
    }

    static long version(String poolId, String user) {
        return admin().get("/pools/{p}/users/{u}", poolId, user).then().statusCode(200).extract().jsonPath()
                .getLong("version");
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void creationRecordsTheAttributesTheStatusAndATemporaryPasswordWithTheAdminKeyAndRequestId() {
        String poolId = createPool();
        adminJson(Map.of("username", "ada", "attributes", Map.of("custom:tier", "gold"),
                "temporaryPassword", "Temp#Passw0rd", "messageAction", "SUPPRESS"))
                .header("X-Request-Id", "req-create-ada")
                .post("/pools/{p}/users", poolId).then().statusCode(201);

        JsonPath page = history(poolId, "ada");
        assertThat(page.getList("entries")).hasSize(1);
        assertThat(page.getString("entries[0].kind")).isEqualTo("created");
        assertThat(page.getString("entries[0].operation")).isEqualTo("AdminCreateUser");
        assertThat(page.getString("entries[0].requestId")).isEqualTo("req-create-ada");
        assertThat(page.getMap("entries[0].actor")).isEqualTo(Map.of("type", "admin", "keyId", "test"));
        assertThat(page.getString("entries[0].username")).isEqualTo("ada");
        assertThat(page.getLong("entries[0].version")).isEqualTo(1);
        assertThat(page.getMap("entries[0].changes.attributes.'custom:tier'"))
                .containsEntry("new", "gold").containsKey("old");
        assertThat(page.getString("entries[0].changes.status.new")).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(page.getString("entries[0].changes.password")).isEqualTo("temporary");
        assertThat(page.getString("paginationToken")).isNull();
        assertThat(page.prettify()).doesNotContain("Temp#Passw0rd").doesNotContain("$2a$");
    }

    @Test
    void eachAdminWriteRecordsOneEntryAtTheUsersNewVersion() {
        String poolId = createPool();
        createUser(poolId, "bo", Map.of("custom:tier", "silver"));
        // fast path (a merge), locked path (If-Match), delete, enable/disable, password
        adminJson(Map.of("attributes", Map.of("custom:tier", "gold"))).patch(PATCH, poolId, "bo").then().statusCode(200);
        adminJson(Map.of("attributes", Map.of("custom:tier", "platinum"))).header("If-Match", "\"2\"")
                .patch(PATCH, poolId, "bo").then().statusCode(200);
        admin().queryParam("name", "custom:tier").delete(PATCH, poolId, "bo").then().statusCode(200);
        admin().post("/pools/{p}/users/{u}/disable", poolId, "bo").then().statusCode(204);
        admin().post("/pools/{p}/users/{u}/enable", poolId, "bo").then().statusCode(204);
        Auth.setPassword(poolId, "bo", Auth.PASSWORD, true);

        List<Map<String, Object>> entries = entries(poolId, "bo");
        assertThat(entries).extracting(e -> e.get("operation")).containsExactly("AdminSetUserPassword",
                "AdminEnableUser", "AdminDisableUser", "AdminDeleteUserAttributes", "AdminUpdateUserAttributes",
                "AdminUpdateUserAttributes", "AdminCreateUser");
        assertThat(entries).extracting(e -> ((Number) e.get("version")).longValue())
                .containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(version(poolId, "bo")).isEqualTo(7);
        JsonPath page = history(poolId, "bo");
        assertThat(page.getMap("entries[6].changes.attributes.'custom:tier'")).containsEntry("new", "silver");
        assertThat(page.getMap("entries[5].changes")).isEqualTo(
                Map.of("attributes", Map.of("custom:tier", Map.of("old", "silver", "new", "gold"))));
        assertThat(page.getMap("entries[4].changes.attributes.'custom:tier'"))
                .isEqualTo(Map.of("old", "gold", "new", "platinum"));
        Map<String, Object> removed = page.getMap("entries[3].changes.attributes.'custom:tier'");
        assertThat(removed).containsEntry("old", "platinum").containsKey("new");
        assertThat(removed.get("new")).isNull();
        assertThat(page.getMap("entries[2].changes")).isEqualTo(Map.of("enabled", Map.of("old", true, "new", false)));
        assertThat(page.getMap("entries[1].changes")).isEqualTo(Map.of("enabled", Map.of("old", false, "new", true)));
        assertThat(page.getMap("entries[0].changes")).isEqualTo(Map.of("password", "set",
                "status", Map.of("old", "FORCE_CHANGE_PASSWORD", "new", "CONFIRMED")));
        assertThat(page.getList("entries.actor.type")).containsOnly("admin");
        assertThat(page.getList("entries.kind")).containsOnly("updated", "created");
    }

    @Test
    void concurrentMergesOfOneUserRecordOneEntryEachWithDistinctVersions() {
        String poolId = createPool();
        createUser(poolId, "cy", Map.of());
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 12).mapToObj(n -> CompletableFuture.supplyAsync(() ->
                adminJson(Map.of("attributes", Map.of("custom:tier", "t" + n))).header("X-Request-Id", "req-cy-" + n)
                        .patch(PATCH, poolId, "cy").then().extract().statusCode())).toList();
        calls.forEach(call -> assertThat(call.join()).isEqualTo(200));

        List<Map<String, Object>> updates = entries(poolId, "cy").stream()
                .filter(e -> "updated".equals(e.get("kind"))).toList();
        assertThat(updates).hasSize(12);
        assertThat(updates).extracting(e -> ((Number) e.get("version")).longValue()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(2, 13).mapToObj(Long::valueOf).toList());
        assertThat(updates).extracting(e -> e.get("requestId")).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat((String) id).startsWith("req-cy-"));
        assertThat(version(poolId, "cy")).isEqualTo(13);
    }

    @Test
    void selfServiceChangesNameTheClientAndTheUser() {
        String poolId = createPool();
        String clientId = Auth.createClient(poolId, Map.of("name", "web",
                "explicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))).getString("clientId");
        Auth.confirmedUser(poolId, "dee", Map.of("name", "Dee A"));
        String sub = admin().get("/pools/{p}/users/{u}", poolId, "dee").then().extract().path("sub");
        String token = Auth.accessToken(clientId, "dee");
        Auth.bearer(token).contentType("application/json").body(Map.of("attributes", Map.of("name", "Dee B")))
                .patch("/me/attributes").then().statusCode(200);
        Auth.bearer(token).contentType("application/json")
                .body(Map.of("previousPassword", Auth.PASSWORD, "proposedPassword", "An0ther#Pass"))
                .put("/me/password").then().statusCode(204);

        JsonPath page = history(poolId, "dee");
        assertThat(page.getString("entries[0].operation")).isEqualTo("ChangePassword");
        assertThat(page.getMap("entries[0].actor")).isEqualTo(Map.of("type", "user", "clientId", clientId, "sub", sub));
        assertThat(page.getString("entries[0].changes.password")).isEqualTo("set");
        assertThat(page.getString("entries[1].operation")).isEqualTo("UpdateUserAttributes");
        assertThat(page.getMap("entries[1].actor")).isEqualTo(Map.of("type", "user", "clientId", clientId, "sub", sub));
        assertThat(page.getMap("entries[1].changes.attributes.name")).isEqualTo(Map.of("old", "Dee A", "new", "Dee B"));
    }

    @Test
    void aCodeVerificationIsTheServicesChange() {
        String poolId = createPool(Map.of("name", "h-" + UUID.randomUUID().toString().substring(0, 8),
                "aliasAttributes", List.of("email"), "autoVerifiedAttributes", List.of("email")));
        createUser(poolId, "eve", Map.of());
        String address = email("eve");
        adminJson(Map.of("attributes", Map.of("email", address))).patch(PATCH, poolId, "eve").then().statusCode(200);
        Mailbox.Mail mail = Mailbox.await(address, 1);
        UUID sub = UUID.fromString(admin().get("/pools/{p}/users/{u}", poolId, "eve").then().extract().path("sub"));
        Pool pool = await(() -> pools.get(poolId));
        await(() -> verification.verify(pool, sub, "email", mail.code()));

        JsonPath page = history(poolId, "eve");
        assertThat(page.getList("entries")).hasSize(3);
        assertThat(page.getString("entries[0].operation")).isEqualTo("VerifyUserAttribute");
        assertThat(page.getMap("entries[0].actor")).isEqualTo(Map.of("type", "service", "reason", "code-verification"));
        assertThat(page.getMap("entries[0].changes")).isEqualTo(Map.of("attributes",
                Map.of("email_verified", Map.of("old", "false", "new", "true"))));
    }

    @Test
    void refusedRequestsRecordNothing() {
        String poolId = createPool();
        createUser(poolId, "fay", Map.of("custom:tier", "x"));
        adminJson(Map.of("attributes", Map.of("custom:nope", "1"))).patch(PATCH, poolId, "fay").then().statusCode(400);
        adminJson(Map.of("attributes", Map.of("custom:tier", "y"))).header("If-Match", "\"9\"")
                .patch(PATCH, poolId, "fay").then().statusCode(412);
        adminJson(Map.of("password", "short", "permanent", true)).put("/pools/{p}/users/{u}/password", poolId, "fay")
                .then().statusCode(400);
        adminJson(Map.of("username", "fay", "temporaryPassword", "Temp#Passw0rd", "messageAction", "SUPPRESS"))
                .post("/pools/{p}/users", poolId).then().statusCode(409);
        // a write that changes nothing is accepted and records nothing either
        adminJson(Map.of("attributes", Map.of("custom:tier", "x"))).patch(PATCH, poolId, "fay").then().statusCode(200);
        assertThat(entries(poolId, "fay")).extracting(e -> e.get("kind")).containsExactly("created");
    }

    @Test
    void aVetoedWriteRecordsNothing() throws java.io.IOException {
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> WebhookAnswers.send(exchange, 400, "{\"message\":\"no\"}"));
        hook.start();
        try {
            String poolId = createPool(Map.of("name", "h-" + UUID.randomUUID().toString().substring(0, 8),
                    "aliasAttributes", List.of("email"), "autoVerifiedAttributes", List.of("email"),
                    "triggers", Map.of("customMessage", Map.of("url",
                            "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
                            "secret", "whsec_dGhlLXZldG8taG9vay1zZWNyZXQ=", "timeoutMillis", 700))));
            createUser(poolId, "vic", Map.of());
            adminJson(Map.of("attributes", Map.of("email", email("vic")))).patch(PATCH, poolId, "vic").then()
                    .statusCode(400).body("code", equalTo("UserLambdaValidationException"));
            assertThat(entries(poolId, "vic")).extracting(e -> e.get("kind")).containsExactly("created");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void entriesOutliveTheUserAndAreFoundBySub() {
        String poolId = createPool();
        createUser(poolId, "gus", Map.of());
        String sub = admin().get("/pools/{p}/users/{u}", poolId, "gus").then().extract().path("sub");
        admin().header("X-Request-Id", "req-delete-gus").delete("/pools/{p}/users/{u}", poolId, "gus")
                .then().statusCode(204);

        JsonPath page = history(poolId, sub);
        assertThat(page.getList("entries.kind")).containsExactly("deleted", "created");
        assertThat(page.getString("entries[0].operation")).isEqualTo("AdminDeleteUser");
        assertThat(page.getString("entries[0].requestId")).isEqualTo("req-delete-gus");
        assertThat(page.getLong("entries[0].version")).isEqualTo(2);
        assertThat(page.getString("entries[0].username")).isEqualTo("gus");
        // the username no longer names anybody; an unknown sub has no history
        admin().get(HISTORY, poolId, "gus").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException"));
        admin().get(HISTORY, poolId, UUID.randomUUID().toString()).then().statusCode(404)
                .body("code", equalTo("UserNotFoundException"));
    }

    @Test
    void unkeptAttributesRecordThatTheyChangedWithoutValues() {
        String poolId = createPool(Map.of("name", "h-" + UUID.randomUUID().toString().substring(0, 8),
                "schema", List.of(Map.of("name", "tier", "type", "String", "mutable", true),
                        Map.of("name", "note", "type", "String", "mutable", true)),
                "history", Map.of("unkeptAttributes", List.of("custom:note"))));
        admin().get("/pools/{p}", poolId).then().statusCode(200)
                .body("history.unkeptAttributes", equalTo(List.of("custom:note")));
        createUser(poolId, "hal", Map.of("custom:note", "secret-1", "custom:tier", "a"));
        adminJson(Map.of("attributes", Map.of("custom:note", "secret-2", "custom:tier", "b")))
                .patch(PATCH, poolId, "hal").then().statusCode(200);
        adminJson(Map.of("attributes", Map.of("custom:note", "secret-3"))).header("If-Match", "\"2\"")
                .patch(PATCH, poolId, "hal").then().statusCode(200);

        JsonPath page = history(poolId, "hal");
        assertThat(page.prettify()).doesNotContain("secret-");
        for (int i = 0; i < 3; i++) {
            assertThat(page.getMap("entries[" + i + "].changes.attributes.'custom:note'"))
                    .isEqualTo(Map.of("kept", false));
        }
        assertThat(page.getMap("entries[1].changes.attributes.'custom:tier'")).isEqualTo(Map.of("old", "a", "new", "b"));
        // the setting is kept by an AWS-shaped update that cannot carry it, reset by a REST PUT without it
        adminJson(Map.of()).put("/pools/{p}", poolId).then().statusCode(200);
        admin().get("/pools/{p}", poolId).then().body("history", equalTo(null));
    }

    @Test
    void anUnknownUnkeptAttributeIsRefused() {
        adminJson(Map.of("name", "h-bad", "history", Map.of("unkeptAttributes", List.of("custom:missing"))))
                .post("/pools").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void pagesAreNewestFirstAndTokensAreBoundToTheUser() {
        String poolId = createPool();
        createUser(poolId, "ivy", Map.of());
        createUser(poolId, "jon", Map.of());
        for (int n = 0; n < 4; n++) {
            adminJson(Map.of("attributes", Map.of("custom:tier", "t" + n))).patch(PATCH, poolId, "ivy").then()
                    .statusCode(200);
        }
        JsonPath first = admin().queryParam("limit", 2).get(HISTORY, poolId, "ivy").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("entries.version", Integer.class)).containsExactly(5, 4);
        String token = first.getString("paginationToken");
        JsonPath second = admin().queryParam("limit", 2).queryParam("paginationToken", token)
                .get(HISTORY, poolId, "ivy").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("entries.version", Integer.class)).containsExactly(3, 2);
        JsonPath last = admin().queryParam("limit", 2).queryParam("paginationToken", second.getString("paginationToken"))
                .get(HISTORY, poolId, "ivy").then().statusCode(200).extract().jsonPath();
        assertThat(last.getList("entries.version", Integer.class)).containsExactly(1);
        assertThat(last.getString("paginationToken")).isNull();

        // another user's history, garbage, a ListUsers token, a bad limit
        admin().queryParam("paginationToken", token).get(HISTORY, poolId, "jon").then().statusCode(400)
                .contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        admin().queryParam("paginationToken", "not-a-token").get(HISTORY, poolId, "ivy").then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
        String usersToken = admin().queryParam("limit", 1).get("/pools/{p}/users", poolId).then().statusCode(200)
                .extract().path("paginationToken");
        admin().queryParam("paginationToken", usersToken).get(HISTORY, poolId, "ivy").then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
        admin().queryParam("limit", 61).get(HISTORY, poolId, "ivy").then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
        admin().queryParam("limit", "x").get(HISTORY, poolId, "ivy").then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void onlyAdminsReadHistoryOfKnownPools() {
        String poolId = createPool();
        createUser(poolId, "kim", Map.of());
        given().get(HISTORY, poolId, "kim").then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer wrong").get(HISTORY, poolId, "kim").then().statusCode(401);
        admin().get(HISTORY, "us-east-1_NoSuchPool", "kim").then().statusCode(404)
                .body("code", equalTo("ResourceNotFoundException"));
        admin().get(HISTORY, poolId, "nobody").then().statusCode(404).body("code", equalTo("UserNotFoundException"));
        admin().get(HISTORY, poolId, "x".repeat(129)).then().statusCode(400);
    }

    @Test
    void entriesPastTheRetentionAreRemoved() {
        String poolId = createPool();
        createUser(poolId, "lou", Map.of());
        adminJson(Map.of("attributes", Map.of("custom:tier", "new"))).patch(PATCH, poolId, "lou").then().statusCode(200);
        // the creation entry is made old
        sql.preparedQuery("UPDATE user_history SET changed_at = now() - interval '400 days' "
                + "WHERE pool_id = $1 AND kind = 'created'").execute(Tuple.of(poolId)).await().indefinitely();

        assertThat(purge.purge().await().indefinitely()).isGreaterThanOrEqualTo(1);
        assertThat(entries(poolId, "lou")).extracting(e -> e.get("kind")).containsExactly("updated");
    }

    static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }
}
