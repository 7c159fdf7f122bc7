package io.userpools.attribute;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Metrics;
import io.userpools.common.UserpoolsConfig;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.ServiceUnavailableException;
import io.userpools.common.error.TooManyRequestsException;
import io.userpools.user.PoolUser;
import io.userpools.user.UserRepository;
import io.userpools.user.UserWriter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The fast path's lanes against PostgreSQL: writes that arrive while one is in flight for the
 * same user are stored together, and each still gets the user as its own write left it; writes
 * to other users share the next statement. The test holds the first statement back with a table
 * lock that keeps every UPDATE of users waiting (SHARE mode), so the others surely arrive
 * meanwhile; rows locked by another transaction are skipped instead, as the last test shows.
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

    @Inject
    UserRepository users;

    @Inject
    UserWriter writer;

    @Inject
    Metrics metrics;

    @Inject
    Clock clock;

    @Inject
    UserpoolsConfig config;

    @Inject
    WriteQueueConfig queue;

    @Test
    void aWriteToAUserWhoseLaneIsFullIsRefusedAtOnceAndChangesNothing() throws Exception {
        String poolId = createPool();
        createUser(poolId, "burst", Map.of("custom:tier", "start"));
        int waiting = queue.perUser();
        // one write in flight (held back by the table lock), the lane full behind it, then one more
        List<CompletableFuture<PoolUser>> answers = heldBack(waiting + 2, n -> lanes.merge(poolId, "burst",
                MergeWrite.of(Map.of("custom:tier", n == waiting + 1 ? "refused" : "t" + n))), (connection, sent) -> {
            assertThat(lanes.waiting(poolId, "burst")).isEqualTo(waiting);
            CompletableFuture<PoolUser> refused = sent.get(waiting + 1);
            assertThat(refused).isCompletedExceptionally();
            assertThat(sent.subList(0, waiting + 1)).noneMatch(CompletableFuture::isDone);
        });
        assertThatThrownBy(() -> answers.get(waiting + 1).get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TooManyRequestsException.class).hasMessage("Rate exceeded")
                .extracting(e -> ((CognitoException) e).retryAfterSeconds()).isEqualTo(1L);
        for (int n = 0; n <= waiting; n++) {
            assertThat(answers.get(n).get().attributes()).containsEntry("custom:tier", "t" + n);
        }
        var stored = admin().get("/pools/{p}/users/{u}", poolId, "burst").jsonPath();
        assertThat(stored.getInt("version")).isEqualTo(1 + waiting + 1);
        assertThat(stored.getString("attributes.'custom:tier'")).isEqualTo("t" + waiting);
        assertThat(lanes.waiting(poolId, "burst")).isEqualTo(-1);
    }

    @Test
    void aWriteBeyondTheReplicasTotalIsRefusedAtOnceAndTheBoundFreesAsWritesEnd() throws Exception {
        String poolId = createPool();
        for (int n = 0; n < 5; n++) {
            createUser(poolId, "many" + n, Map.of("custom:tier", "start"));
        }
        MergeLanes small = new MergeLanes(users, writer, metrics, clock, config, limits(64, 3));
        // many0 in flight, many1 and many2 waiting for the next statement: three held, many3 is one too many
        List<CompletableFuture<PoolUser>> answers = heldBack(4, n -> small.merge(poolId, "many" + n,
                MergeWrite.of(Map.of("custom:tier", "t" + n))), (connection, sent) -> {
            assertThat(sent.get(3)).isCompletedExceptionally();
            assertThat(sent.subList(0, 3)).noneMatch(CompletableFuture::isDone);
        });
        assertThatThrownBy(() -> answers.get(3).get()).cause().isInstanceOf(ServiceUnavailableException.class)
                .extracting(e -> ((CognitoException) e).retryAfterSeconds()).isEqualTo(1L);
        for (int n = 0; n < 3; n++) {
            assertThat(answers.get(n).get().attributes()).containsEntry("custom:tier", "t" + n);
        }
        assertThat(admin().get("/pools/{p}/users/{u}", poolId, "many3").jsonPath().getInt("version")).isEqualTo(1);
        // the three ended: their places are free again
        assertThat(small.merge(poolId, "many4", MergeWrite.of(Map.of("custom:tier", "later")))
                .await().atMost(WAIT).version()).isEqualTo(2);
    }

    private static WriteQueueConfig limits(int perUser, int total) {
        return new WriteQueueConfig() {
            @Override
            public int perUser() {
                return perUser;
            }

            @Override
            public int total() {
                return total;
            }

            @Override
            public Duration retryAfter() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void writesThatArriveWhileOneIsInFlightAreStoredAsOneBatch() throws Exception {
        String poolId = createPool();
        createUser(poolId, "held", Map.of("custom:tier", "start"));
        DistributionSummary batches = registry.get("userpools.attribute.write.batch").summary();
        long statementsBefore = batches.count();
        double writesBefore = batches.totalAmount();

        List<CompletableFuture<PoolUser>> answers = heldBack(10,
                n -> lanes.merge(poolId, "held", MergeWrite.of(Map.of("custom:tier", "t" + n))),
                (connection, sent) -> assertThat(sent).noneMatch(CompletableFuture::isDone));

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
    void writesToOtherUsersThatArriveWhileEveryStatementIsBusyShareTheNextStatement() throws Exception {
        String poolId = createPool();
        for (int n = 0; n < 10; n++) {
            createUser(poolId, "user" + n, Map.of("custom:tier", "start"));
        }
        DistributionSummary batches = registry.get("userpools.attribute.write.batch").summary();
        long statementsBefore = batches.count();
        double writesBefore = batches.totalAmount();

        List<CompletableFuture<PoolUser>> answers = heldBack(10,
                n -> lanes.merge(poolId, "user" + n, MergeWrite.of(Map.of("custom:tier", "t" + n))),
                (connection, sent) -> assertThat(sent).noneMatch(CompletableFuture::isDone));

        for (int n = 0; n < 10; n++) {
            PoolUser user = answers.get(n).get();
            assertThat(user.username()).isEqualTo("user" + n);
            assertThat(user.version()).isEqualTo(2);
            assertThat(user.attributes()).containsEntry("custom:tier", "t" + n);
            admin().get("/pools/{p}/users/{u}", poolId, "user" + n).then().statusCode(200).header("ETag", "\"2\"");
        }
        // the first write alone (one statement in flight at most), then the nine that queued together
        assertThat(batches.count() - statementsBefore).isEqualTo(2);
        assertThat(batches.totalAmount() - writesBefore).isEqualTo(10.0);
    }

    @Test
    void aSharedStatementRemovesBlankValuesAndLeavesUnchangedAndLockedUsersToTheCaller() throws Exception {
        String poolId = createPool();
        for (int n = 0; n < 6; n++) {
            createUser(poolId, "member" + n, Map.of("custom:tier", "same", "nickname", "nick"));
        }
        SqlConnection rowLocker = sql.getConnection().await().atMost(WAIT);
        List<CompletableFuture<PoolUser>> answers;
        try {
            // another transaction holds member5's row: the shared statement skips it
            Transaction rowLock = rowLocker.begin().await().atMost(WAIT);
            rowLocker.preparedQuery("SELECT 1 FROM users WHERE pool_id = $1 AND username_key = $2 FOR UPDATE")
                    .execute(Tuple.of(poolId, "member5")).await().atMost(WAIT);
            // member0 goes first, alone; the rest share the next statement: 1 and 2 remove
            // their nickname, 3 changes nothing, 4 names nobody, 5 is locked, 6 sets a value
            answers = heldBack(7, n -> {
                Map<String, String> write = new java.util.HashMap<>();
                if (n == 1 || n == 2) {
                    write.put("nickname", "");
                } else {
                    write.put("custom:tier", n == 6 || n == 0 ? "new" : "same");
                }
                String name = n == 4 ? "nobody" : "member" + (n == 6 ? 0 : n);
                return lanes.merge(poolId, name, MergeWrite.of(write));
            }, (connection, sent) -> {
            });
            for (int n = 1; n <= 2; n++) {
                PoolUser user = answers.get(n).get();
                assertThat(user.attributes()).doesNotContainKey("nickname").containsEntry("custom:tier", "same");
                assertThat(user.version()).isEqualTo(2);
            }
            // nothing changed, no such user, row locked elsewhere: null, and the service answers from the locked path
            assertThat(answers.get(3).get()).isNull();
            assertThat(answers.get(4).get()).isNull();
            assertThat(answers.get(5).get()).isNull();
            rowLock.rollback().await().atMost(WAIT);
        } finally {
            rowLocker.close().await().atMost(WAIT);
        }
        // member0 twice: first alone, then its second write waited in its lane
        assertThat(answers.get(0).get().version()).isEqualTo(2);
        assertThat(answers.get(6).get()).isNull(); // "new" again: nothing changed
        assertThat(admin().get("/pools/{p}/users/{u}", poolId, "member3").jsonPath().getInt("version")).isEqualTo(1);
        assertThat(admin().get("/pools/{p}/users/{u}", poolId, "member5").jsonPath().getInt("version")).isEqualTo(1);
    }

    /**
     * Sends {@code count} writes while a transaction of the test holds every UPDATE of users back
     * (a SHARE lock on the table), runs {@code meanwhile} inside that transaction, then commits it.
     */
    private List<CompletableFuture<PoolUser>> heldBack(int count, IntFunction<Uni<PoolUser>> write,
            BiConsumer<SqlConnection, List<CompletableFuture<PoolUser>>> meanwhile) {
        SqlConnection connection = sql.getConnection().await().atMost(WAIT);
        try {
            Transaction hold = connection.begin().await().atMost(WAIT);
            connection.query("LOCK TABLE users IN SHARE MODE").execute().await().atMost(WAIT);
            List<CompletableFuture<PoolUser>> answers = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                answers.add(write.apply(n).subscribeAsCompletionStage());
            }
            meanwhile.accept(connection, answers);
            hold.commit().await().atMost(WAIT);
            return answers;
        } finally {
            connection.close().await().atMost(WAIT);
        }
    }

    @Test
    void aWriteOutsideTheLanesMeanwhileIsKeptByTheBatchThatFollows() throws Exception {
        String poolId = createPool(Map.of("name", "cas", "schema", List.of(
                Map.of("name", "tier", "type", "String"), Map.of("name", "other", "type", "String"))));
        createUser(poolId, "raced", Map.of());
        List<CompletableFuture<PoolUser>> answers = heldBack(3,
                n -> lanes.merge(poolId, "raced", MergeWrite.of(Map.of("custom:tier", "t" + n))),
                // another writer (outside the lanes) changes the row while the lanes wait
                (connection, sent) -> connection.preparedQuery("UPDATE users SET attributes = attributes || "
                        + "'{\"custom:other\": \"x\"}', version = version + 1 WHERE pool_id = $1 AND username_key = $2")
                        .execute(Tuple.of(poolId, "raced")).await().atMost(WAIT));
        for (var answer : answers) {
            assertThat(answer.get()).isNotNull();
        }
        var stored = admin().get("/pools/{p}/users/{u}", poolId, "raced").jsonPath();
        assertThat(stored.getInt("version")).isEqualTo(1 + 1 + 3);
        assertThat(stored.getString("attributes.'custom:other'")).isEqualTo("x");
        assertThat(stored.getString("attributes.'custom:tier'")).isEqualTo("t2");
    }
}
