package io.userpools.pool;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.common.PaginationTokens;
import io.userpools.common.SecretBox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ListUserPools page tokens expire an hour after their issue, like ListUsers' ([2.9]). The tokens
 * here are issued in the past by a {@link PaginationTokens} with the service's own key and a clock
 * set back, so no test waits; the service checks them against its real clock. No IT: it needs the
 * service's key.
 */
@QuarkusTest
class ListUserPoolsTokenLifetimeTest {

    @Inject
    SecretBox box;

    @Test
    void aTokenStillWorksNearTheEndOfItsHour() {
        // ids are random: start after the lower of two, so that at least the other follows it
        String a = createPool();
        String b = createPool();
        String first = a.compareTo(b) < 0 ? a : b;
        String token = issuedAgo(PaginationTokens.VALIDITY.minusMinutes(1), first);
        admin().queryParam("maxResults", 1).queryParam("nextToken", token).when().get("/pools")
                .then().statusCode(200)
                .body("pools", hasSize(1))
                .body("pools[0].id.compareTo('" + first + "')", greaterThan(0));
    }

    @Test
    void anExpiredTokenIsInvalidParameter() {
        String token = issuedAgo(PaginationTokens.VALIDITY.plusMinutes(1), createPool());
        admin().queryParam("nextToken", token).when().get("/pools")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Pagination token has expired"));
    }

    /** A token for the page after pool {@code afterId}, issued {@code ago} before now. */
    private String issuedAgo(Duration ago, String afterId) {
        Clock then = Clock.offset(Clock.systemUTC(), ago.negated());
        return new PaginationTokens(box, then).issue(PaginationTokens.POOLS, afterId);
    }
}
