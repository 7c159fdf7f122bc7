package io.userpools.ratelimit;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.PASSWORD;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createPasswordClient;
import static io.userpools.support.Auth.passwordPool;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.userpools.support.Auth.PasswordPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Self-service and sign-in calls count against the pool of their access token or app client,
 * which the path does not name: a pool over its limit gets 429, another pool does not.
 */
@QuarkusTest
class CallerRateLimitTest {

    static void limit(String poolId, String category, int perSecond) {
        adminJson(Map.of("limits", Map.of(category, perSecond))).when().put("/pools/{id}/rate-limits", poolId)
                .then().statusCode(200);
    }

    static Response firstRefused(Supplier<Response> call) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response answer = call.get();
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                return answer;
            }
        }
        throw new AssertionError("no 429 among " + statuses);
    }

    @Test
    void selfServiceCallsCountAgainstTheTokensPool() {
        String limited = createPool();
        String other = createPool();
        String limitedToken = accessToken(createPasswordClient(limited), confirmedUser(limited, "amy", Map.of()));
        String otherToken = accessToken(createPasswordClient(other), confirmedUser(other, "amy", Map.of()));
        limit(limited, "UserRead", 1);

        firstRefused(() -> bearer(limitedToken).when().get("/me")).then().contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("TooManyRequestsException"))
                .body("detail", equalTo("Rate exceeded"));
        for (int i = 0; i < 5; i++) {
            bearer(otherToken).when().get("/me").then().statusCode(200);
        }
    }

    @Test
    void verificationCodeRequestsCountAsUserUpdates() {
        String poolId = createPool();
        String token = accessToken(createPasswordClient(poolId), confirmedUser(poolId, "bob", Map.of()));
        limit(poolId, "UserUpdate", 1);
        // the user has no email: each call that passes the limit is a 400, the refused one a 429
        firstRefused(() -> bearer(token).when().post("/me/attributes/email/verification-code")).then()
                .contentType(PROBLEM).body("code", equalTo("TooManyRequestsException"));
    }

    @Test
    void signInCountsAgainstTheClientsPool() {
        PasswordPool pool = passwordPool("cy");
        limit(pool.poolId(), "UserAuthentication", 1);
        firstRefused(() -> given().contentType(ContentType.JSON)
                .body(Map.of("clientId", pool.clientId(), "username", "cy", "password", PASSWORD))
                .when().post("/auth/sign-in")).then().contentType(PROBLEM)
                .body("code", equalTo("TooManyRequestsException"));
    }
}
