package io.userpools.auth;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Auth.accessToken;
import static io.userpools.support.Auth.bearer;
import static io.userpools.support.Auth.confirmedUser;
import static io.userpools.support.Auth.createPasswordClient;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token whose header names a kid this service cannot have issued (a NUL, which PostgreSQL
 * refuses in text, or any text beyond base64url) is an invalid token: 401, never a 500 from the
 * key lookup. Found by HostileTokensTest.
 */
@QuarkusTest
class MalformedKidTest {

    @Inject
    PoolKeys keys;

    @Test
    void aKidThatCannotBeOneIsAnInvalidToken() {
        TokenForge forge = new TokenForge(keys);
        String poolId = createPool();
        String clientId = createPasswordClient(poolId);
        confirmedUser(poolId, "kid", Map.of("email", "kid@example.com"));
        Map<String, Object> claims = TokenForge.claimsOf(accessToken(clientId, "kid"));
        for (String kid : List.of("\u0000", "a\u0000b", "\ud800", "../x", "k".repeat(129), "é")) {
            String token = forge.signWithKid(poolId, claims, kid);
            for (String method : List.of("GET", "DELETE")) {
                bearer(token).request(method, method.equals("GET") ? "/me" : "/me/attributes?name=email")
                        .then().statusCode(401).contentType(PROBLEM)
                        .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo("Invalid Access Token"));
            }
        }
    }
}
