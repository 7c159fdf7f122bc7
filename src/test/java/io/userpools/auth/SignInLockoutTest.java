package io.userpools.auth;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.PASSWORD;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createClient;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.json;
import static io.userpools.support.Auth.passwordPool;
import static io.userpools.support.Auth.setPassword;
import static io.userpools.support.Auth.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.userpools.support.Auth.PasswordPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 5: wrong passwords are counted per user in the database and lock sign-in out
 * for a time that doubles with each further failure (lifecycle spec section 6); unknown users and
 * users without a password cost a bcrypt check too.
 */
@QuarkusTest
class SignInLockoutTest {

    private static final String WRONG = "Wr0ng#Pass";
    private static final String INCORRECT = "Incorrect username or password.";
    private static final String EXCEEDED = "Password attempts exceeded";

    @Inject
    Pool sql;

    private static Response attempt(String clientId, String username, String password) {
        return json(Map.of("clientId", clientId, "username", username, "password", password)).when()
                .post("/auth/sign-in");
    }

    private static void wrong(String clientId, String username) {
        attempt(clientId, username, WRONG).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo(INCORRECT));
    }

    private static void wrong(String clientId, String username, int times) {
        for (int i = 0; i < times; i++) {
            wrong(clientId, username);
        }
    }

    /** Five wrong passwords, then a lockout held for a minute; answers the user's sub. */
    private String lockOut(String poolId, String clientId, String username) {
        wrong(clientId, username, 5);
        String sub = sub(poolId, username);
        lockFor(poolId, sub, 60);
        return sub;
    }

    private static Response lockedOut(String clientId, String username, String password) {
        return attempt(clientId, username, password).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo(EXCEEDED))
                .header("Retry-After", matchesPattern("[1-9][0-9]*")).extract().response();
    }

    private String sub(String poolId, String username) {
        return sql.preparedQuery("SELECT sub::text FROM users WHERE pool_id = $1 AND username = $2")
                .execute(Tuple.of(poolId, username)).await().indefinitely().iterator().next().getString(0);
    }

    /** The subject's row: failures, and the lockout in seconds from the last attempt (null when none). */
    private Row failures(String poolId, String subject) {
        var rows = sql.preparedQuery("SELECT failures, "
                + "EXTRACT(EPOCH FROM locked_until - last_attempt_at)::float8 AS lock_seconds "
                + "FROM sign_in_failures WHERE pool_id = $1 AND subject = $2")
                .execute(Tuple.of(poolId, subject)).await().indefinitely().iterator();
        return rows.hasNext() ? rows.next() : null;
    }

    private int failureCount(String poolId, String subject) {
        Row row = failures(poolId, subject);
        return row == null ? 0 : row.getInteger("failures");
    }

    private Double lockSeconds(String poolId, String subject) {
        return failures(poolId, subject).getDouble("lock_seconds");
    }

    /** Moves the lockout: a minute ahead (so that a slow machine cannot let it run out), or into the past. */
    private void lockFor(String poolId, String subject, int seconds) {
        sql.preparedQuery("UPDATE sign_in_failures SET locked_until = now() + make_interval(secs => $3::int) "
                + "WHERE pool_id = $1 AND subject = $2").execute(Tuple.of(poolId, subject, seconds))
                .await().indefinitely();
    }

    private static double passwordChecks(String outcome) {
        String prefix = "userpools_sign_in_password_checks_total{outcome=\"" + outcome + "\"}";
        return io.userpools.support.Api.admin().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedUntilTheLockoutRunsOut() {
        PasswordPool pool = passwordPool("alice");
        String alice = sub(pool.poolId(), "alice");
        for (int i = 1; i <= 4; i++) {
            wrong(pool.clientId(), "alice");
            assertThat(failureCount(pool.poolId(), alice)).isEqualTo(i);
            assertThat(lockSeconds(pool.poolId(), alice)).isNull();
        }
        wrong(pool.clientId(), "alice"); // the 5th failure itself still answers Incorrect, and locks for 1 s
        assertThat(failureCount(pool.poolId(), alice)).isEqualTo(5);
        assertThat(lockSeconds(pool.poolId(), alice)).isEqualTo(1.0);

        lockFor(pool.poolId(), alice, 60);
        double refusedBefore = passwordChecks("locked_out");
        Response refused = lockedOut(pool.clientId(), "alice", PASSWORD);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        lockedOut(pool.clientId(), "alice", WRONG);
        assertThat(passwordChecks("locked_out")).isGreaterThanOrEqualTo(refusedBefore + 2);
        assertThat(failureCount(pool.poolId(), alice)).as("attempts while locked out change nothing").isEqualTo(5);

        lockFor(pool.poolId(), alice, -1);
        signIn(pool.clientId(), "alice", PASSWORD);
        assertThat(failures(pool.poolId(), alice)).as("a correct password forgets the failures").isNull();
        wrong(pool.clientId(), "alice");
        assertThat(failureCount(pool.poolId(), alice)).isEqualTo(1);
    }

    @Test
    void eachFailureAfterALockoutDoublesItUpToFifteenMinutes() {
        PasswordPool pool = passwordPool("bob");
        String bob = sub(pool.poolId(), "bob");
        wrong(pool.clientId(), "bob", 5);
        assertThat(lockSeconds(pool.poolId(), bob)).isEqualTo(1.0);
        for (double expected : new double[] {2, 4, 8}) {
            lockFor(pool.poolId(), bob, -1);
            wrong(pool.clientId(), "bob");
            assertThat(lockSeconds(pool.poolId(), bob)).isEqualTo(expected);
        }
        sql.preparedQuery("UPDATE sign_in_failures SET failures = 5000, locked_until = now() - interval '1 second' "
                + "WHERE pool_id = $1 AND subject = $2").execute(Tuple.of(pool.poolId(), bob)).await().indefinitely();
        wrong(pool.clientId(), "bob");
        assertThat(lockSeconds(pool.poolId(), bob)).isEqualTo(900.0);
        assertThat(failureCount(pool.poolId(), bob)).isEqualTo(5001);

        // 15 minutes without an attempt: the count starts again
        sql.preparedQuery("UPDATE sign_in_failures SET last_attempt_at = now() - interval '16 minutes', "
                + "locked_until = now() - interval '1 minute' WHERE pool_id = $1 AND subject = $2")
                .execute(Tuple.of(pool.poolId(), bob)).await().indefinitely();
        wrong(pool.clientId(), "bob");
        assertThat(failureCount(pool.poolId(), bob)).isEqualTo(1);
        assertThat(lockSeconds(pool.poolId(), bob)).isNull();
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        PasswordPool pool = passwordPool("carol");
        for (int round = 0; round < 2; round++) {
            wrong(pool.clientId(), "carol", 4);
            signIn(pool.clientId(), "carol", PASSWORD);
        }
        wrong(pool.clientId(), "carol");
        assertThat(failureCount(pool.poolId(), sub(pool.poolId(), "carol"))).isEqualTo(1);
    }

    @Test
    void theCountIsPerUserAndPerPool() {
        String poolId = createPool();
        String otherPool = createPool();
        String clientId = createPasswordClient(poolId);
        String otherClient = createPasswordClient(otherPool);
        confirmedUser(poolId, "dave", Map.of());
        confirmedUser(poolId, "erin", Map.of());
        confirmedUser(otherPool, "dave", Map.of());
        lockOut(poolId, clientId, "dave");
        lockedOut(clientId, "dave", PASSWORD);
        signIn(clientId, "erin", PASSWORD);
        signIn(otherClient, "dave", PASSWORD);
        assertThat(failures(poolId, sub(poolId, "erin"))).isNull();
    }

    @Test
    void aNewPasswordSetByAnAdminEndsTheLockout() {
        PasswordPool pool = passwordPool("fay");
        String fay = lockOut(pool.poolId(), pool.clientId(), "fay");
        lockedOut(pool.clientId(), "fay", PASSWORD);
        setPassword(pool.poolId(), "fay", "N3w#Passw0rd", true);
        assertThat(failures(pool.poolId(), fay)).isNull();
        signIn(pool.clientId(), "fay", "N3w#Passw0rd");
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        PasswordPool pool = passwordPool("gus", "hal");

        // below the threshold: every attempt is checked, and none is lost
        assertThat(inParallel(pool.clientId(), "gus", 4)).containsOnly(INCORRECT).hasSize(4);
        assertThat(failureCount(pool.poolId(), sub(pool.poolId(), "gus"))).isEqualTo(4);

        // a burst: each attempt is counted before its password is checked, so only the threshold's
        // worth get checked before the lockout (a few more only if the burst outlasts lockouts)
        List<String> answers = inParallel(pool.clientId(), "hal", 16);
        assertThat(answers).containsOnly(INCORRECT, EXCEEDED).hasSize(16);
        long checked = answers.stream().filter(INCORRECT::equals).count();
        assertThat(checked).isBetween(5L, 15L);
        assertThat(failureCount(pool.poolId(), sub(pool.poolId(), "hal"))).isEqualTo((int) checked);
    }

    private static List<String> inParallel(String clientId, String username, int attempts) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return attempt(clientId, username, WRONG).then().statusCode(401)
                            .body("code", equalTo("NotAuthorizedException")).extract().path("detail");
                }));
            }
            start.countDown();
            List<String> details = new ArrayList<>();
            for (Future<String> answer : answers) {
                details.add(answer.get());
            }
            return details;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anUnknownUserAnswersAsBeforeAfterTheSameBcryptWork() {
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        double before = passwordChecks("unknown_user");
        attempt(clientId, "nobody", PASSWORD).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException")).body("detail", equalTo("User does not exist."));
        assertThat(passwordChecks("unknown_user")).as("checked against the dummy hash").isGreaterThan(before);
        assertThat(failureCount(poolId, "name:nobody")).as("not counted: the answer says the user is unknown")
                .isZero();
    }

    @Test
    void aClientThatHidesUnknownUsersLocksThemOutLikeRealOnes() {
        // case-insensitive names: "Nobody" and "nobody" are one name, counted once
        String poolId = createPool(Map.of("name", "hiding", "usernameCaseSensitive", false));
        String clientId = createClient(poolId, Map.of("name", "web", "explicitAuthFlows",
                List.of("ALLOW_USER_PASSWORD_AUTH"), "preventUserExistenceErrors", "ENABLED")).getString("clientId");
        double before = passwordChecks("unknown_user");
        for (int i = 0; i < 5; i++) {
            wrong(clientId, i % 2 == 0 ? "Nobody" : "nobody");
        }
        assertThat(passwordChecks("unknown_user")).isGreaterThanOrEqualTo(before + 5);
        assertThat(failureCount(poolId, "name:nobody")).isEqualTo(5);
        lockFor(poolId, "name:nobody", 60);
        lockedOut(clientId, "nobody", PASSWORD);
    }

    @Test
    void aUserWithoutAPasswordCostsABcryptCheckAndCounts() {
        PasswordPool pool = passwordPool("ivy");
        sql.preparedQuery("UPDATE users SET password_hash = NULL WHERE pool_id = $1").execute(Tuple.of(pool.poolId()))
                .await().indefinitely();
        double before = passwordChecks("no_password");
        attempt(pool.clientId(), "ivy", PASSWORD).then().statusCode(401).contentType(PROBLEM)
                .body("detail", equalTo(INCORRECT));
        assertThat(passwordChecks("no_password")).isGreaterThan(before);
        assertThat(failureCount(pool.poolId(), sub(pool.poolId(), "ivy"))).isEqualTo(1);
    }
}
