package io.userpools.ratelimit;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitResourceTest {

    @Test
    void getUserPoolRateLimitsShowsTheDeploymentDefaults() {
        String poolId = createPool();
        admin().when().get("/pools/{id}/rate-limits", poolId)
                .then().statusCode(200).contentType("application/json")
                .body("poolId", equalTo(poolId))
                .body("overrides.size()", equalTo(0))
                .body("limits.size()", equalTo(QuotaCategory.values().length))
                .body("limits.UserUpdate", equalTo(1_000_000))
                // sign-in has Cognito's default: password guessing across a pool's users is bounded
                .body("limits.UserAuthentication", equalTo(120))
                // each replica counts in memory (TwoReplicasIT shows it)
                .body("countedPer", equalTo("replica"));
    }

    @Test
    void setUserPoolRateLimitsReplacesThePoolsOwnLimits() {
        String poolId = createPool();
        adminJson(Map.of("limits", Map.of("UserUpdate", 25, "UserList", 30)))
                .when().put("/pools/{id}/rate-limits", poolId)
                .then().statusCode(200)
                .body("overrides.UserUpdate", equalTo(25)).body("limits.UserList", equalTo(30))
                .body("limits.UserRead", equalTo(1_000_000));
        adminJson(Map.of("limits", Map.of())).when().put("/pools/{id}/rate-limits", poolId)
                .then().statusCode(200).body("overrides.size()", equalTo(0)).body("limits.UserUpdate", equalTo(1_000_000));
    }

    @Test
    void aPoolOverItsLimitGetsTooManyRequestsAndOtherPoolsDoNot() {
        String limited = createPool();
        String other = createPool();
        adminJson(Map.of("limits", Map.of("UserPoolRead", 1))).when().put("/pools/{id}/rate-limits", limited)
                .then().statusCode(200);

        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(admin().when().get("/pools/{id}", limited));
        }
        Response refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 among " + answers.stream().map(Response::statusCode).toList()));
        refused.then().contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("TooManyRequestsException"))
                .body("detail", equalTo("Rate exceeded"));

        for (int i = 0; i < 5; i++) {
            admin().when().get("/pools/{id}", other).then().statusCode(200);
        }
        String metrics = admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "userpools_rate_limit_rejections_total\\{category=\"UserPoolRead\",operation=\"describeUserPool\"} [1-9]");
    }

    @Test
    void setUserPoolRateLimitsRefusesUnknownCategoriesAndLimitsOutOfRange() {
        String poolId = createPool();
        adminJson(Map.of("limits", Map.of("UserUpdates", 25))).when().put("/pools/{id}/rate-limits", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        adminJson(Map.of("limits", Map.of("UserUpdate", 0))).when().put("/pools/{id}/rate-limits", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        adminJson(Map.of()).when().put("/pools/{id}/rate-limits", poolId)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        admin().when().get("/pools/{id}/rate-limits", poolId).then().statusCode(200).body("overrides.size()", equalTo(0));
    }

    @Test
    void rateLimitsOfAnUnknownPoolAreResourceNotFound() {
        admin().when().get("/pools/us-east-1_nope12345/rate-limits")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        adminJson(Map.of("limits", Map.of("UserUpdate", 5))).when().put("/pools/us-east-1_nope12345/rate-limits")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
    }

    @Test
    void rateLimitsNeedAdminCredentials() {
        io.restassured.RestAssured.given().when().get("/pools/us-east-1_nope12345/rate-limits")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }
}
