package io.userpools.attribute;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.user.PoolUser;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The fast path's lanes against PostgreSQL: writes that arrive while one is in flight for the
 * same user are stored together, and each still gets the user as its own write left it. The
 * first write is held on a row lock taken by the test, so the others surely arrive meanwhile.
 */
@QuarkusTest
class MergeLanesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    MergeLanes lanes;

    @Inject
    Pool sql;

    @Inject
    MeterRegistry registry;

    @Test
    void writesThatArriveWhileOneIsInFlightAreStoredAsOneBatch() throws Exception {
        String poolId = createPool();
        createUser(poolId, "held", Map.of("custom:tier", "start"));
        DistributionSummary batches = registry.get("userpools.attribute.write.batch").summary();
        long statementsBefore = batches.count();
        double writesBefore = batches.totalAmount();

        SqlConnection connection = sql.getConnection().await().atMost(WAIT);
        List<CompletableFuture<PoolUser>> answers = new ArrayList<>();
        try {
            Transaction lock = connection.begin().await().atMost(WAIT);
            connection.preparedQuery("SELECT 1 FROM users WHERE pool_id = $1 AND username_key = $2 FOR UPDATE")
                    .execute(Tuple.of(poolId, "held")).await().atMost(WAIT);
            for (int n = 0; n < 10; n++) {
                answers.add(lanes.merge(poolId, "held", MergeWrite.of(Map.of("custom:tier", "t" + n)))
                        .subscribeAsCompletionStage());
            }
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            lock.commit().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
        }

        for (int n = 0; n < 10; n++) {
            PoolUser user = answers.get(n).get();
            assertThat(user.version()).isEqualTo(2 + n);
            assertThat(user.attributes()).containsEntry("custom:tier", "t" + n);
        }
        // the first write alone, then the nine that waited for it in one statement
        assertThat(batches.count() - statementsBefore).isEqualTo(2);
        assertThat(batches.totalAmount() - writesBefore).isEqualTo(10.0);
        admin().get("/pools/{p}/users/{u}", poolId, "held").then().statusCode(200)
                .header("ETag", "\"11\"");
        assertThat(admin().get("/pools/{p}/users/{u}", poolId, "held").jsonPath().getString("attributes.'custom:tier'"))
                .isEqualTo("t9");
    }

    @Test
    void aWriteOutsideTheLanesMeanwhileIsKeptByTheBatchThatFollows() throws Exception {
        String poolId = createPool(Map.of("name", "cas", "schema", List.of(
                Map.of("name", "tier", "type", "String"), Map.of("name", "other", "type", "String"))));
        createUser(poolId, "raced", Map.of());
        SqlConnection connection = sql.getConnection().await().atMost(WAIT);
        List<CompletableFuture<PoolUser>> answers = new ArrayList<>();
        try {
            Transaction lock = connection.begin().await().atMost(WAIT);
            connection.preparedQuery("SELECT 1 FROM users WHERE pool_id = $1 AND username_key = $2 FOR UPDATE")
                    .execute(Tuple.of(poolId, "raced")).await().atMost(WAIT);
            for (int n = 0; n < 3; n++) {
                answers.add(lanes.merge(poolId, "raced", MergeWrite.of(Map.of("custom:tier", "t" + n)))
                        .subscribeAsCompletionStage());
            }
            // another writer (outside the lanes) changes the row before the lock is released
            connection.preparedQuery("UPDATE users SET attributes = attributes || '{\"custom:other\": \"x\"}', "
                    + "version = version + 1 WHERE pool_id = $1 AND username_key = $2")
                    .execute(Tuple.of(poolId, "raced")).await().atMost(WAIT);
            lock.commit().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
        }
        for (var answer : answers) {
            assertThat(answer.get()).isNotNull();
        }
        var stored = admin().get("/pools/{p}/users/{u}", poolId, "raced").jsonPath();
        assertThat(stored.getInt("version")).isEqualTo(1 + 1 + 3);
        assertThat(stored.getString("attributes.'custom:other'")).isEqualTo("x");
        assertThat(stored.getString("attributes.'custom:tier'")).isEqualTo("t2");
    }
}
