package io.userpools.pool;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PoolResourceTest {

    @Test
    void createUserPoolAnswersTheFullSchemaAndLocation() {
        adminJson(Map.of("name", "shop", "schema", List.of(Map.of("name", "tier", "type", "String"))))
                .when().post("/pools")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/pools/us-east-1_[0-9A-Za-z]{9}"))
                .header("X-Request-Id", notNullValue())
                .body("id", matchesPattern("us-east-1_[0-9A-Za-z]{9}"))
                .body("schema", hasSize(21))
                .body("schema.name", hasItem("custom:tier"))
                .body("usernameCaseSensitive", equalTo(true));
    }

    @Test
    void describeUserPoolOfAnUnknownPoolIsResourceNotFound() {
        admin().when().get("/pools/us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool us-east-1_nope12345 does not exist."));
    }

    @Test
    void adminPathsWithoutOrWithWrongCredentialsAreNotAuthorized() {
        given().when().get("/pools").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("NotAuthorizedException"));
        given().header("Authorization", "Bearer wrong").when().get("/pools").then().statusCode(401)
                .body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void deleteUserPoolRemovesIt() {
        String poolId = createPool();
        admin().when().delete("/pools/{id}", poolId).then().statusCode(204);
        admin().when().get("/pools/{id}", poolId).then().statusCode(404);
        admin().when().delete("/pools/{id}", poolId).then().statusCode(404)
                .body("code", equalTo("ResourceNotFoundException"));
    }
}
