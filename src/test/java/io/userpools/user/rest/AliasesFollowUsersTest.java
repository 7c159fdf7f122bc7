package io.userpools.user.rest;

import static io.userpools.support.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import io.userpools.support.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sign-in identifiers go with their user (V22: a trigger on users replaced the foreign key
 * user_aliases -> users), whether the user is deleted alone or with its pool, and also when an
 * identifier was written while the deletion waited for the user's row.
 */
@QuarkusTest
class AliasesFollowUsersTest {

    @Test
    void deletingAUserReleasesItsIdentifiers() {
        String pool = UserPools.aliases();
        Api.createUser(pool, "first", Map.of("email", "shared@example.com", "email_verified", "true",
                "preferred_username", "shared"));
        assertThat(aliases(pool)).isEqualTo(2);
        admin().delete("/pools/{p}/users/first", pool).then().statusCode(204);
        assertThat(aliases(pool)).isZero();
        Api.createUser(pool, "second", Map.of("email", "shared@example.com", "email_verified", "true",
                "preferred_username", "shared"));
        admin().get("/pools/{p}/users/{u}", pool, "shared@example.com").then().statusCode(200)
                .body("username", equalTo("second"));
        admin().get("/pools/{p}/users/{u}", pool, "shared").then().statusCode(200)
                .body("username", equalTo("second"));
    }

    @Test
    void deletingAPoolDeletesItsUsersIdentifiers() {
        String pool = UserPools.aliases();
        String other = UserPools.aliases();
        for (String p : new String[] {pool, other}) {
            Api.createUser(p, "ann", Map.of("email", "ann@example.com", "email_verified", "true"));
            Api.createUser(p, "bob", Map.of("email", "bob@example.com", "email_verified", "true"));
        }
        admin().delete("/pools/{p}", pool).then().statusCode(204);
        assertThat(aliases(pool)).isZero();
        assertThat(aliases(other)).isEqualTo(2);
    }

    @Test
    void anIdentifierWrittenWhileTheDeletionWaitedIsDeletedToo() throws Exception {
        String pool = UserPools.aliases();
        Api.createUser(pool, "racer", Map.of("email", "racer@example.com", "email_verified", "true"));
        String sub = admin().get("/pools/{p}/users/racer", pool).then().statusCode(200).extract().path("sub");
        try (Connection writer = Db.connect(); Connection deleter = Db.connect()) {
            writer.setAutoCommit(false);
            // the writer holds the user's row, as UserWriter.apply's callers do, and adds an identifier
            try (PreparedStatement lock = writer.prepareStatement(
                    "SELECT 1 FROM users WHERE pool_id = ? AND sub = ?::uuid FOR UPDATE")) {
                lock.setString(1, pool);
                lock.setString(2, sub);
                lock.executeQuery().close();
            }
            try (PreparedStatement add = writer.prepareStatement(
                    "INSERT INTO user_aliases (pool_id, attribute_name, value_key, sub) VALUES (?, ?, ?, ?::uuid)")) {
                add.setString(1, pool);
                add.setString(2, "preferred_username");
                add.setString(3, "late");
                add.setString(4, sub);
                add.executeUpdate();
            }
            int deleterPid = pid(deleter);
            CompletableFuture<Integer> deletion = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement delete = deleter.prepareStatement(
                        "DELETE FROM users WHERE pool_id = ? AND sub = ?::uuid")) {
                    delete.setString(1, pool);
                    delete.setString(2, sub);
                    return delete.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitLockWait(deleterPid);
            writer.commit();
            assertThat(deletion.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(aliases(pool)).isZero();
    }

    private static int pid(Connection db) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Waits until the backend waits for a lock (the deletion queued behind the writer's row lock). */
    private static void awaitLockWait(int pid) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        // its own connection, outside any transaction: pg_stat_activity is read once per transaction
        try (Connection db = Db.connect(); PreparedStatement waiting = db.prepareStatement(
                "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            waiting.setInt(1, pid);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rows = waiting.executeQuery()) {
                    if (rows.next() && rows.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the deletion never waited for the writer's lock");
    }

    private static long aliases(String pool) {
        return Db.number("SELECT count(*) FROM user_aliases WHERE pool_id = ?", pool);
    }
}
