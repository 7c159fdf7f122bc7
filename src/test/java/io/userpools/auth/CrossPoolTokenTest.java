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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A token of pool A that claims pool B, or B's client, is never accepted. */
@QuarkusTest
class CrossPoolTokenTest {

    @Inject
    PoolKeys keys;

    @Test
    void aTokenSignedByPoolAButNamingPoolBIsInvalid() {
        TokenForge forge = new TokenForge(keys);
        String poolA = createPool();
        String poolB = createPool();
        String clientA = createPasswordClient(poolA);
        String clientB = createPasswordClient(poolB);
        confirmedUser(poolA, "alice", Map.of());
        String token = accessToken(clientA, "alice");
        accessToken(clientB, confirmedUser(poolB, "bob", Map.of()));

        Map<String, Object> claims = TokenForge.claimsOf(token);
        claims.put("iss", ((String) claims.get("iss")).replace(poolA, poolB));
        invalid(forge.signWithPoolKey(poolA, claims));
        invalid(forge.signWithKid(poolA, claims, forge.poolKey(poolB).kid()));

        Map<String, Object> otherClient = TokenForge.claimsOf(token);
        otherClient.put("client_id", clientB);
        invalid(forge.signWithPoolKey(poolA, otherClient));
    }

    private static void invalid(String token) {
        bearer(token).when().get("/me").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException")).body("detail", equalTo("Invalid Access Token"));
    }
}
