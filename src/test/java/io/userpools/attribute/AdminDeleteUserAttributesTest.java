package io.userpools.attribute;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminDeleteUserAttributesTest {

    private static final String PATH = "/pools/{poolId}/users/{username}/attributes";

    @Test
    void deletesTheNamedAttributesAndTheEmailsFlag() {
        String poolId = createPool();
        createUser(poolId, "alice", Map.of("nickname", "al", "email", "a@example.com", "email_verified", "true"));
        admin().queryParam("name", "nickname").queryParam("name", "email")
                .delete(PATH, poolId, "alice").then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("attributes", not(hasKey("nickname")))
                .body("attributes", not(hasKey("email")))
                .body("attributes", not(hasKey("email_verified")));
    }

    @Test
    void aNameWithoutValueIsANoOp() {
        String poolId = createPool();
        createUser(poolId, "bob", Map.of());
        admin().queryParam("name", "nickname").delete(PATH, poolId, "bob").then().statusCode(200)
                .body("version", equalTo(1));
    }

    @Test
    void refusesUnknownRequiredAndSubNames() {
        String poolId = createPool(Map.of("name", "req", "schema", List.of(Map.of("name", "email", "required", true))));
        createUser(poolId, "carol", Map.of("email", "c@example.com"));
        admin().queryParam("name", "tier").delete(PATH, poolId, "carol").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("user.tier: Attribute does not exist in the schema."));
        admin().queryParam("name", "email").delete(PATH, poolId, "carol").then().statusCode(400)
                .body("detail", equalTo("user.email: Required attribute cannot be deleted."));
        admin().queryParam("name", "sub").delete(PATH, poolId, "carol").then().statusCode(400)
                .body("detail", equalTo("user.sub: Attribute cannot be updated."));
        admin().queryParam("name", "nickname").delete(PATH, poolId, "nobody").then().statusCode(404)
                .body("code", equalTo("UserNotFoundException"));
        admin().queryParam("name", "nickname").delete(PATH, "us-east-1_unknown00", "carol").then().statusCode(404)
                .body("code", equalTo("ResourceNotFoundException"));
    }
}
