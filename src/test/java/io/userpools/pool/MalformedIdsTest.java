package io.userpools.pool;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool or client id that cannot be one names nothing: 404 ResourceNotFoundException on every
 * route that takes one, found without asking the database. One with a NUL (which PostgreSQL
 * refuses in text, a 500 before) is not even text the service takes: 400 InvalidParameterException.
 * Found by hostile/HostileRequestsTest.
 */
@QuarkusTest
class MalformedIdsTest {

    private static final List<String> NOT_IDS = List.of("us-east-1_%C3%A9", "a.b", "us-east-1_abc'", "x".repeat(200));
    private static final List<String> NUL_IDS = List.of("%00", "a%00b", "us-east-1_abc%00");

    @Test
    void anIdWithANulIsRefusedAsInput() {
        String poolId = Api.createPool();
        for (String id : NUL_IDS) {
            for (String path : List.of("/pools/" + id, "/pools/" + id + "/users/a", "/pools/" + id + "/.well-known/jwks.json",
                    "/pools/" + poolId + "/clients/" + id)) {
                admin().urlEncodingEnabled(false).get(path)
                        .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
            }
        }
    }

    @Test
    void aPoolIdThatCannotBeOneIsNotFoundOnEveryRoute() {
        for (String id : NOT_IDS) {
            for (String path : List.of("/pools/" + id, "/pools/" + id + "/users", "/pools/" + id + "/users/a",
                    "/pools/" + id + "/rate-limits", "/pools/" + id + "/.well-known/jwks.json",
                    "/pools/" + id + "/.well-known/openid-configuration")) {
                admin().urlEncodingEnabled(false).get(path)
                        .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            }
            admin().urlEncodingEnabled(false).delete("/pools/" + id)
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            adminJson(Map.of("limits", Map.of("UserUpdate", 5))).urlEncodingEnabled(false).put("/pools/" + id + "/rate-limits")
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
            adminJson(Map.of("attributes", Map.of("name", "x"))).urlEncodingEnabled(false)
                    .patch("/pools/" + id + "/users/a/attributes")
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        }
    }

    @Test
    void aClientIdThatCannotBeOneIsNotFound() {
        String poolId = Api.createPool();
        for (String id : NOT_IDS) {
            admin().urlEncodingEnabled(false).get("/pools/" + poolId + "/clients/" + id)
                    .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        }
    }
}
