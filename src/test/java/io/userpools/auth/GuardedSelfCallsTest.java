package io.userpools.auth;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createPasswordClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token's state conditions that GetUser, UpdateUserAttributes, DeleteUserAttributes and
 * VerifyUserAttribute check
 * inside their statements (SessionGuard): a change between the token's issue and the call (global
 * sign-out, disable, delete, status, the client deleted where this replica's cache still holds it)
 * answers the precise Cognito error and changes nothing; and concurrent self-service writes to one
 * user are neither lost nor applied twice, in one order that every answer agrees with.
 */
@QuarkusTest
class GuardedSelfCallsTest {

    @Inject
    Pool sql;

    String poolId;
    String clientId;
    String token;

    @BeforeEach
    void signedInUser() {
        poolId = createPool();
        clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "alice", Map.of("name", "Alice", "email", "alice@example.com"));
        token = accessToken(clientId, "alice");
        // a first call: the client is now in this replica's cache, the signature remembered
        bearer(token).when().get("/me").then().statusCode(200);
    }

    /** Each guarded call, a fast-path write, a locked-path write (email), a delete and a read: all refused. */
    private void everyCallRefused(int status, String code, String detail) {
        for (Map<String, String> attributes : List.of(Map.of("name", "Mallory"), Map.of("email", "m@example.com"))) {
            bearer(token).contentType(ContentType.JSON).body(Map.of("attributes", attributes))
                    .when().patch("/me/attributes")
                    .then().statusCode(status).contentType(PROBLEM)
                    .body("code", equalTo(code)).body("detail", equalTo(detail));
        }
        bearer(token).queryParam("name", "name").when().delete("/me/attributes")
                .then().statusCode(status).contentType(PROBLEM).body("code", equalTo(code)).body("detail", equalTo(detail));
        bearer(token).when().get("/me")
                .then().statusCode(status).contentType(PROBLEM).body("code", equalTo(code)).body("detail", equalTo(detail));
        bearer(token).contentType(ContentType.JSON).body(Map.of("code", "123456"))
                .when().post("/me/attributes/email/verify")
                .then().statusCode(status).contentType(PROBLEM).body("code", equalTo(code)).body("detail", equalTo(detail));
    }

    private void unchanged() {
        // a refused VerifyUserAttribute used none of the user's attempts
        assertThat(sql.preparedQuery("SELECT count(*) FROM user_attempts WHERE pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0)).isZero();
        admin().when().get("/pools/{p}/users/alice", poolId).then().statusCode(200)
                .body("attributes.name", equalTo("Alice"))
                .body("attributes.email", equalTo("alice@example.com"));
    }

    @Test
    void aSignOutAfterTheTokenWasIssuedHoldsAtOnce() {
        admin().when().post("/pools/{p}/users/alice/global-sign-out", poolId).then().statusCode(204);
        everyCallRefused(401, "NotAuthorizedException", "Access Token has been revoked");
        unchanged();
    }

    @Test
    void aRevokedSessionHoldsAtOnce() {
        execute("UPDATE sessions SET revoked_at = now() WHERE pool_id = $1");
        everyCallRefused(401, "NotAuthorizedException", "Access Token has been revoked");
        unchanged();
    }

    @Test
    void aDisabledUserIsRefused() {
        // disabled with its session left alive (as another replica's write could leave it for an instant)
        execute("UPDATE users SET enabled = FALSE WHERE pool_id = $1");
        everyCallRefused(401, "NotAuthorizedException", "User is disabled.");
        execute("UPDATE users SET enabled = TRUE WHERE pool_id = $1");
        unchanged();
        // AdminDisableUser revokes the sessions too
        admin().when().post("/pools/{p}/users/alice/disable", poolId).then().statusCode(204);
        everyCallRefused(401, "NotAuthorizedException", "Access Token has been revoked");
    }

    @Test
    void aStatusThatMayNotUseTokensIsRefused() {
        execute("UPDATE users SET status = 'RESET_REQUIRED' WHERE pool_id = $1");
        everyCallRefused(400, "PasswordResetRequiredException", "Password reset required for the user");
        execute("UPDATE users SET status = 'UNCONFIRMED' WHERE pool_id = $1");
        everyCallRefused(400, "UserNotConfirmedException", "User is not confirmed.");
        execute("UPDATE users SET status = 'CONFIRMED' WHERE pool_id = $1");
        unchanged();
    }

    @Test
    void aDeletedUserIsGone() {
        admin().when().delete("/pools/{p}/users/alice", poolId).then().statusCode(204);
        everyCallRefused(404, "UserNotFoundException", "User does not exist.");
        // a new user of the same name is not the token's user
        confirmedUser(poolId, "alice", Map.of("name", "Alice"));
        everyCallRefused(404, "UserNotFoundException", "User does not exist.");
    }

    @Test
    void aClientDeletedElsewhereIsRefusedThoughThisReplicaStillCachesIt() {
        // deleted behind this replica's back: its client cache still holds the client, the sessions live
        execute("DELETE FROM app_clients WHERE pool_id = $1");
        everyCallRefused(401, "NotAuthorizedException", "Invalid Access Token");
        unchanged();
    }

    @Test
    void aFailingRuleStillAnswersTheTokensStateFirst() {
        admin().when().post("/pools/{p}/users/alice/global-sign-out", poolId).then().statusCode(204);
        bearer(token).contentType(ContentType.JSON).body(Map.of("attributes", Map.of("custom:nope", "x")))
                .when().patch("/me/attributes")
                .then().statusCode(401).contentType(PROBLEM).body("detail", equalTo("Access Token has been revoked"));
    }

    @Test
    void concurrentSelfWritesToOneUserAreEachAppliedOnceInOneOrder() throws Exception {
        List<String> names = List.of("given_name", "family_name", "middle_name", "nickname", "website", "profile",
                "locale", "zoneinfo", "gender", "picture", "birthdate", "address");
        long before = admin().when().get("/pools/{p}/users/alice", poolId).then().extract().jsonPath().getLong("version");
        ExecutorService threads = Executors.newFixedThreadPool(names.size());
        List<CompletableFuture<JsonPath>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < names.size(); i++) {
                String value = names.get(i).equals("birthdate") ? "2000-01-0" + (i % 9 + 1)
                        : names.get(i).equals("website") || names.get(i).equals("profile") || names.get(i).equals("picture")
                                ? "https://example.com/" + i : "v" + i;
                Map<String, String> attributes = Map.of(names.get(i), value, "name", "n" + i);
                answers.add(CompletableFuture.supplyAsync(() -> bearer(token).contentType(ContentType.JSON)
                        .body(Map.of("attributes", attributes)).when().patch("/me/attributes")
                        .then().statusCode(200).extract().jsonPath(), threads));
            }
            List<JsonPath> results = new ArrayList<>();
            for (CompletableFuture<JsonPath> answer : answers) {
                results.add(answer.get());
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingLong(i -> results.get(i).getLong("user.version")));
            // each write advanced the version once: the answers hold every version from before + 1 on
            for (int k = 0; k < order.size(); k++) {
                assertThat(results.get(order.get(k)).getLong("user.version")).isEqualTo(before + 1 + k);
            }
            // each answer is the user as its write left it: every earlier write in, no later one
            for (int k = 0; k < order.size(); k++) {
                Map<String, String> seen = results.get(order.get(k)).getMap("user.attributes");
                assertThat(seen).containsEntry("name", "n" + order.get(k));
                for (int j = 0; j < order.size(); j++) {
                    assertThat(seen.containsKey(names.get(order.get(j)))).isEqualTo(j <= k);
                }
            }
            JsonPath last = admin().when().get("/pools/{p}/users/alice", poolId).then().extract().jsonPath();
            assertThat(last.getLong("version")).isEqualTo(before + names.size());
            assertThat(last.getString("attributes.name")).isEqualTo("n" + order.get(order.size() - 1));
            for (String name : names) {
                assertThat(last.getMap("attributes")).containsKey(name);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void execute(String statement) {
        sql.preparedQuery(statement).execute(Tuple.of(poolId)).await().indefinitely();
    }
}
