package io.userpools.user.rest;

import static io.userpools.support.Api.admin;
import static io.userpools.user.rest.AdminCreateUserTest.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.userpools.common.PaginationTokens;
import io.userpools.common.SecretBox;
import io.userpools.support.Api;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ListUsers pagination tokens expire an hour after their issue ([2.9]). The tokens here are issued
 * in the past by a {@link PaginationTokens} with the service's own key and a clock set back, so no
 * test waits; the service checks them against its real clock. No IT: it needs the service's key.
 */
@QuarkusTest
class ListUsersTokenLifetimeTest {

    @Inject
    SecretBox box;

    @Test
    void aTokenStillWorksNearTheEndOfItsHour() {
        String pool = twoUsers();
        ExtractableResponse<Response> first = firstPage(pool);
        String token = issuedAgo(PaginationTokens.VALIDITY.minusMinutes(1), pool, first.path("users[0].sub"));
        admin().queryParam("limit", 1).queryParam("paginationToken", token).get("/pools/{p}/users", pool)
                .then().statusCode(200)
                .body("users", hasSize(1))
                .body("users[0].username", not(equalTo(first.path("users[0].username"))))
                .body("$", not(hasKey("paginationToken")));
    }

    @Test
    void anExpiredTokenIsInvalidParameter() {
        String pool = twoUsers();
        String token = issuedAgo(PaginationTokens.VALIDITY.plusMinutes(1), pool, firstPage(pool).path("users[0].sub"));
        problem(admin().queryParam("paginationToken", token).get("/pools/{p}/users", pool).then(), 400,
                "InvalidParameterException").body("detail", equalTo("Pagination token has expired"));
    }

    private static String twoUsers() {
        String pool = UserPools.plain(true);
        Api.createUser(pool, "a", Map.of());
        Api.createUser(pool, "b", Map.of());
        return pool;
    }

    private static ExtractableResponse<Response> firstPage(String pool) {
        return admin().queryParam("limit", 1).get("/pools/{p}/users", pool).then().statusCode(200).extract();
    }

    /** A token for the page after {@code sub}, issued {@code ago} before now. */
    private String issuedAgo(Duration ago, String pool, String sub) {
        Clock then = Clock.offset(Clock.systemUTC(), ago.negated());
        return new PaginationTokens(box, then).issue(PaginationTokens.users(pool), sub);
    }
}
