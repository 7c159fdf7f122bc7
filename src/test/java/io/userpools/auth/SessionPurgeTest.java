package io.userpools.auth;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Auth.PASSWORD;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.json;
import static io.userpools.support.Auth.passwordPool;
import static io.userpools.support.Auth.payload;
import static io.userpools.support.Auth.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.userpools.support.Auth.PasswordPool;
import io.userpools.support.Scrape;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sessions that ended (expired or revoked) more than a day and the margin ago are removed, in bounded
 * batches, by runs that may overlap; the others stay, and so do the tokens that still need them.
 */
@QuarkusTest
class SessionPurgeTest {

    static final String PURGED = "userpools_sessions_purged_total";

    @Inject
    SessionPurge purge;

    @Inject
    Pool sql;

    /** One sign-in: its session and tokens. */
    record Signed(UUID originJti, String accessToken, String refreshToken) {
    }

    private static Signed signedIn(PasswordPool pool, String username) {
        JsonPath tokens = signIn(pool.clientId(), username, PASSWORD);
        String access = tokens.getString("accessToken");
        return new Signed(UUID.fromString(payload(access).getString("origin_jti")), access,
                tokens.getString("refreshToken"));
    }

    private void set(PasswordPool pool, Signed session, String assignments) {
        sql.preparedQuery("UPDATE sessions SET " + assignments + " WHERE pool_id = $1 AND origin_jti = $2")
                .execute(Tuple.of(pool.poolId(), session.originJti())).await().indefinitely();
    }

    private Set<UUID> left(PasswordPool pool) {
        Set<UUID> left = new HashSet<>();
        for (Row row : sql.preparedQuery("SELECT origin_jti FROM sessions WHERE pool_id = $1")
                .execute(Tuple.of(pool.poolId())).await().indefinitely()) {
            left.add(row.getUUID("origin_jti"));
        }
        return left;
    }

    private static JsonPath refresh(PasswordPool pool, Signed session) {
        return json(Map.of("clientId", pool.clientId(), "refreshToken", session.refreshToken())).when()
                .post("/auth/refresh").then().statusCode(200).extract().jsonPath();
    }

    private static void refreshRefused(PasswordPool pool, Signed session, String detail) {
        json(Map.of("clientId", pool.clientId(), "refreshToken", session.refreshToken())).when().post("/auth/refresh")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo(detail));
    }

    @Test
    void theCutoffIsTheLongestAccessTokenValidityAndTheMarginAgo() {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        assertThat(purge.cutoff(now)).isEqualTo(now.minus(Duration.ofDays(1)).minus(Duration.ofHours(1)));
    }

    @Test
    void onlySessionsEndedBeforeTheCutoffAreRemovedAndLiveOnesKeepWorking() {
        PasswordPool pool = passwordPool("ann");
        Signed live = signedIn(pool, "ann");
        Signed expiredLongAgo = signedIn(pool, "ann");
        Signed expiredRecently = signedIn(pool, "ann");
        Signed revokedRecently = signedIn(pool, "ann");
        Signed revokedLongAgo = signedIn(pool, "ann");
        set(pool, expiredLongAgo, "auth_time = now() - interval '31 days', expires_at = now() - interval '26 hours'");
        set(pool, expiredRecently, "expires_at = now() - interval '23 hours'");
        set(pool, revokedRecently, "revoked_at = now() - interval '23 hours'");
        set(pool, revokedLongAgo, "revoked_at = now() - interval '26 hours'");

        double countedBefore = Scrape.value(PURGED);
        int removed = purge.purge().await().indefinitely();
        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(Scrape.value(PURGED)).isEqualTo(countedBefore + removed);

        assertThat(left(pool)).containsExactlyInAnyOrder(live.originJti(), expiredRecently.originJti(),
                revokedRecently.originJti());
        // a refresh just before the session expired issues an access token valid up to a day past
        // the expiry; the check reads the row, so it is kept and the token still accepted
        bearer(expiredRecently.accessToken()).when().get("/me").then().statusCode(200);
        // a removed session's tokens are refused as a revoked one's would be
        bearer(revokedLongAgo.accessToken()).when().get("/me").then().statusCode(401)
                .body("code", equalTo("NotAuthorizedException"))
                .body("detail", equalTo(AccessTokenVerifier.REVOKED));
        refreshRefused(pool, expiredRecently, "Refresh Token has expired");
        refreshRefused(pool, revokedRecently, "Refresh Token has been revoked");
        refreshRefused(pool, expiredLongAgo, "Invalid Refresh Token");

        bearer(live.accessToken()).when().get("/me").then().statusCode(200);
        JsonPath refreshed = refresh(pool, live);
        assertThat(payload(refreshed.getString("accessToken")).getString("origin_jti"))
                .isEqualTo(live.originJti().toString());
        bearer(refreshed.getString("accessToken")).when().get("/me").then().statusCode(200);
        assertThat(left(pool)).contains(live.originJti());
    }

    @Test
    void runsAreBoundedAndOverlappingRunsShareTheRows() {
        PasswordPool pool = passwordPool("bo");
        Set<UUID> ended = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Signed session = signedIn(pool, "bo");
            set(pool, session, "expires_at = now() - interval '2 days'");
            ended.add(session.originJti());
        }
        Signed live = signedIn(pool, "bo");
        Instant cutoff = purge.cutoff(Instant.now());

        // batches of one, two statements: two sessions, whichever pools they are in
        assertThat(purge.purge(cutoff, 1, 2).await().indefinitely()).isEqualTo(2);
        assertThat(left(pool)).hasSize(5).contains(live.originJti());

        // two runs at once (as two replicas): neither waits for nor fails on the other's rows, and
        // each row is deleted once
        var both = Uni.combine().all().unis(purge.purge(cutoff, 1, 1000), purge.purge(cutoff, 1, 1000)).asTuple()
                .await().indefinitely();
        assertThat(both.getItem1() + both.getItem2()).isGreaterThanOrEqualTo(4);
        assertThat(left(pool)).containsExactly(live.originJti());
        assertThat(purge.purge(cutoff, 1, 1000).await().indefinitely()).isZero();
    }
}
