package io.userpools.attribute;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AdminUpdateUserAttributes when the fast path's lane of a user is full: the next write answers
 * 429 TooManyRequestsException with Retry-After at once, while the others still wait, and what it
 * asked for is never stored. The writes are held back by a table lock (as in {@link MergeLanesTest}).
 */
@QuarkusTest
class AttributeWriteBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PATH = "/pools/{poolId}/users/{username}/attributes";

    @Inject
    MergeLanes lanes;

    @Inject
    WriteQueueConfig queue;

    @Inject
    Pool sql;

    @Test
    void aBurstBeyondTheUsersLaneAnswers429WithRetryAfterAndStoresNothingOfIt() throws Exception {
        String poolId = createPool();
        createUser(poolId, "burst", Map.of("custom:tier", "start"));
        int accepted = queue.perUser() + 1;
        ExecutorService callers = Executors.newFixedThreadPool(accepted);
        SqlConnection connection = sql.getConnection().await().atMost(WAIT);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try {
            Transaction hold = connection.begin().await().atMost(WAIT);
            connection.query("LOCK TABLE users IN SHARE MODE").execute().await().atMost(WAIT);
            for (int n = 0; n < accepted; n++) {
                Map<String, Object> body = Map.of("attributes", Map.of("custom:tier", "t" + n));
                answers.add(CompletableFuture.supplyAsync(
                        () -> adminJson(body).patch(PATH, poolId, "burst").statusCode(), callers));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (lanes.waiting(poolId, "burst") < queue.perUser() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lanes.waiting(poolId, "burst")).as("writes waiting in the lane").isEqualTo(queue.perUser());

            adminJson(Map.of("attributes", Map.of("custom:tier", "refused", "nickname", "refused")))
                    .patch(PATH, poolId, "burst").then()
                    .statusCode(429).contentType(PROBLEM)
                    .header("Retry-After", "1")
                    .body("code", equalTo("TooManyRequestsException"))
                    .body("detail", equalTo("Rate exceeded"));
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            hold.commit().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
            callers.shutdown();
        }
        for (CompletableFuture<Integer> answer : answers) {
            assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
        }
        var stored = admin().get("/pools/{p}/users/{u}", poolId, "burst").jsonPath();
        assertThat(stored.getInt("version")).isEqualTo(1 + accepted);
        assertThat(stored.getString("attributes.'custom:tier'")).isNotEqualTo("refused");
        assertThat(stored.getMap("attributes")).doesNotContainKey("nickname");
    }
}
