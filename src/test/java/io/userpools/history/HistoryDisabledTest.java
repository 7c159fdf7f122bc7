package io.userpools.history;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Auth;
import io.userpools.user.ImportedUsers;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * With {@code userpools.history.enabled=false} every write still works, and none records a
 * history entry: the history route answers no entries and the table holds none of the pool's.
 */
@QuarkusTest
@TestProfile(HistoryDisabledTest.Off.class)
class HistoryDisabledTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("userpools.history.enabled", "false");
        }
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool sql;
    @Inject
    ImportedUsers imported;

    long recorded(String poolId) {
        return sql.preparedQuery("SELECT count(*) FROM user_history WHERE pool_id = $1").execute(Tuple.of(poolId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    static JsonPath user(String poolId, String username) {
        return admin().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void adminWritesWorkAndRecordNothing() {
        String poolId = createPool();
        createUser(poolId, "ann", Map.of("custom:tier", "silver"));
        // fast path (a merge), locked path (If-Match), removal, disable, password
        adminJson(Map.of("attributes", Map.of("custom:tier", "gold"))).patch(HistoryTest.PATCH, poolId, "ann")
                .then().statusCode(200);
        adminJson(Map.of("attributes", Map.of("custom:tier", "platinum"))).header("If-Match", "\"2\"")
                .patch(HistoryTest.PATCH, poolId, "ann").then().statusCode(200);
        admin().queryParam("name", "custom:tier").delete(HistoryTest.PATCH, poolId, "ann").then().statusCode(200);
        admin().post("/pools/{p}/users/{u}/disable", poolId, "ann").then().statusCode(204);
        Auth.setPassword(poolId, "ann", Auth.PASSWORD, true);

        JsonPath ann = user(poolId, "ann");
        assertThat(ann.getLong("version")).isEqualTo(6);
        assertThat(ann.getMap("attributes")).doesNotContainKey("custom:tier");
        assertThat(ann.getBoolean("enabled")).isFalse();
        assertThat(ann.getString("status")).isEqualTo("CONFIRMED");
        assertThat(HistoryTest.entries(poolId, "ann")).isEmpty();
        assertThat(recorded(poolId)).isZero();
    }

    @Test
    void concurrentMergesOfOneUserAllApplyAndRecordNothing() {
        String poolId = createPool();
        createUser(poolId, "bea", Map.of());
        // writes of one user in one batch take the compare-and-set statement
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 12).mapToObj(n -> CompletableFuture.supplyAsync(
                () -> adminJson(Map.of("attributes", Map.of("custom:tier", "t" + n)))
                        .patch(HistoryTest.PATCH, poolId, "bea").then().extract().statusCode())).toList();
        calls.forEach(call -> assertThat(call.join()).isEqualTo(200));

        assertThat(user(poolId, "bea").getLong("version")).isEqualTo(13);
        assertThat(recorded(poolId)).isZero();
    }

    @Test
    void selfServiceUpdateWorksAndRecordsNothing() {
        String poolId = createPool();
        String clientId = Auth.createClient(poolId, Map.of("name", "web", "explicitAuthFlows",
                List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))).getString("clientId");
        Auth.confirmedUser(poolId, "cat", Map.of("name", "Cat A"));
        long before = user(poolId, "cat").getLong("version");
        String token = Auth.accessToken(clientId, "cat");
        Auth.bearer(token).contentType("application/json").body(Map.of("attributes", Map.of("name", "Cat B")))
                .patch("/me/attributes").then().statusCode(200);

        JsonPath cat = user(poolId, "cat");
        assertThat(cat.getString("attributes.name")).isEqualTo("Cat B");
        assertThat(cat.getLong("version")).isEqualTo(before + 1);
        assertThat(recorded(poolId)).isZero();
    }

    @Test
    void createAndDeleteWorkAndRecordNothing() {
        String poolId = createPool();
        createUser(poolId, "dan", Map.of("custom:tier", "gold"));
        assertThat(user(poolId, "dan").getString("attributes.'custom:tier'")).isEqualTo("gold");
        admin().delete("/pools/{p}/users/{u}", poolId, "dan").then().statusCode(204);

        admin().get("/pools/{p}/users/{u}", poolId, "dan").then().statusCode(404);
        assertThat(recorded(poolId)).isZero();
    }

    @Test
    void importedUsersAreCreatedWithoutEntries() {
        String poolId = createPool();
        UUID sub = UUID.randomUUID();
        List<ImportedUsers.Refused> refused = HistoryTest.await(() -> sql.withTransaction(tx -> imported.insert(tx,
                poolId, List.of(new ImportedUsers.NewUser(1, sub, "eve", "eve", Map.of("sub", sub.toString()),
                        Map.of())), Instant.now(), "AdminCreateUserImport",
                new JsonObject().put("type", "admin").put("keyId", "test"), Set.of())));

        assertThat(refused).isEmpty();
        assertThat(user(poolId, "eve").getString("status")).isEqualTo("RESET_REQUIRED");
        assertThat(recorded(poolId)).isZero();
    }
}
