package io.userpools.pool;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.restassured.http.ContentType.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Test
    void listUserPoolsRefusesAPageSizeOutsideOneToSixty() {
        for (int size : new int[] {0, 61}) {
            admin().queryParam("maxResults", size).when().get("/pools").then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("InvalidParameterException"))
                    .body("violations[0].field", equalTo("maxResults"))
                    .body("detail", equalTo("1 validation error detected: Value at 'maxResults' failed to satisfy "
                            + "constraint: Member must have value " + (size == 0 ? "greater than or equal to 1"
                                    : "less than or equal to 60")));
        }
    }

    /** Every pool's name, walking all pages of ListUserPools. */
    static List<String> allPoolNames() {
        return allPools().stream().map(pool -> (String) pool.get("name")).toList();
    }

    /** Every pool as ListUserPools reads it from the database, walking all pages. */
    static List<Map<String, Object>> allPools() {
        List<Map<String, Object>> pools = new ArrayList<>();
        String token = null;
        do {
            var spec = admin().queryParam("maxResults", 60);
            if (token != null) {
                spec.queryParam("nextToken", token);
            }
            var page = spec.when().get("/pools").then().statusCode(200).extract().jsonPath();
            pools.addAll(page.getList("pools"));
            token = page.getString("nextToken");
        } while (token != null);
        return pools;
    }

    @Test
    void listUserPoolsPagesThroughEveryPoolInIdOrder() {
        Set<String> created = new HashSet<>(List.of(createPool(), createPool(), createPool()));
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var spec = admin().queryParam("maxResults", 2);
            if (token != null) {
                spec.queryParam("nextToken", token);
            }
            var page = spec.when().get("/pools").then().statusCode(200).contentType(JSON)
                    .body("pools.size()", lessThanOrEqualTo(2))
                    .extract().jsonPath();
            seen.addAll(page.getList("pools.id", String.class));
            token = page.getString("nextToken");
            pages++;
        } while (token != null);
        assertThat(seen).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void listUserPoolsDefaultsToSixtyAndGivesNoTokenOnTheLastPage() {
        createPool();
        admin().queryParam("maxResults", 1).when().get("/pools")
                .then().statusCode(200).body("pools", hasSize(1)).body("nextToken", notNullValue());
        admin().when().get("/pools").then().statusCode(200).body("pools.size()", lessThanOrEqualTo(60));
    }

    @Test
    void listUserPoolsRefusesBadLimitsAndTokens() {
        for (String bad : List.of("0", "61", "-1")) {
            admin().queryParam("maxResults", bad).when().get("/pools")
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
        admin().queryParam("maxResults", "ten").when().get("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        for (String bad : List.of("not-a-token", "!!!")) {
            invalidToken(bad);
        }
    }

    @Test
    void listUserPoolsRefusesTamperedAndForgedTokens() {
        String first = createPool();
        createPool();
        char[] token = admin().queryParam("maxResults", 1).when().get("/pools")
                .then().statusCode(200).extract().<String>path("nextToken").toCharArray();
        int middle = token.length / 2;
        token[middle] = token[middle] == 'A' ? 'B' : 'A';
        // the shape tokens had before they were sealed: readable, so anyone could write one
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("pools\n" + first).getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(new String(token), forged)) {
            invalidToken(bad);
        }
    }

    @Test
    void listUserPoolsRefusesAListUsersToken() {
        String pool = createPool();
        Api.createUser(pool, "a", Map.of());
        Api.createUser(pool, "b", Map.of());
        String usersToken = admin().queryParam("limit", 1).when().get("/pools/{p}/users", pool)
                .then().statusCode(200).extract().path("paginationToken");
        assertThat(usersToken).isNotNull();
        invalidToken(usersToken);
    }

    @Test
    void listUsersRefusesAListUserPoolsToken() {
        String pool = createPool();
        createPool();
        String poolsToken = admin().queryParam("maxResults", 1).when().get("/pools")
                .then().statusCode(200).extract().path("nextToken");
        admin().queryParam("paginationToken", poolsToken).when().get("/pools/{p}/users", pool)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid pagination token"));
    }

    private static void invalidToken(String token) {
        admin().queryParam("nextToken", token).when().get("/pools")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid pagination token"));
    }

    @Test
    void describeUserPoolShowsStandardAndCustomAttributes() {
        String poolId = Api.createPool(Map.of("name", "describe", "aliasAttributes", List.of("email"),
                "autoVerifiedAttributes", List.of("email"), "usernameCaseSensitive", false,
                "schema", List.of(Map.of("name", "email", "required", true),
                        Map.of("name", "tier", "type", "String", "minLength", 2, "maxLength", 8),
                        Map.of("name", "legacy", "type", "Number", "developerOnly", true, "mutable", false,
                                "minValue", 1, "maxValue", 9))));
        admin().when().get("/pools/{id}", poolId)
                .then().statusCode(200).contentType(JSON)
                .body("id", equalTo(poolId))
                .body("name", equalTo("describe"))
                .body("createdAt", notNullValue())
                .body("lastModifiedAt", notNullValue())
                .body("aliasAttributes", equalTo(List.of("email")))
                .body("autoVerifiedAttributes", equalTo(List.of("email")))
                .body("usernameCaseSensitive", equalTo(false))
                .body("schema", hasSize(22))
                .body("schema[0].name", equalTo("sub"))
                .body("schema.findAll { !it.name.contains(':') }", hasSize(20))
                .body("schema.find { it.name == 'sub' }.mutable", equalTo(false))
                .body("schema.find { it.name == 'sub' }.required", equalTo(true))
                .body("schema.find { it.name == 'email' }.required", equalTo(true))
                .body("schema.find { it.name == 'email_verified' }.type", equalTo("Boolean"))
                .body("schema.find { it.name == 'updated_at' }.type", equalTo("Number"))
                .body("schema.find { it.name == 'custom:tier' }.minLength", equalTo(2))
                .body("schema.find { it.name == 'custom:tier' }.maxLength", equalTo(8))
                .body("schema.find { it.name == 'custom:tier' }.developerOnly", equalTo(false))
                .body("schema.find { it.name == 'dev:custom:legacy' }.developerOnly", equalTo(true))
                .body("schema.find { it.name == 'dev:custom:legacy' }.mutable", equalTo(false))
                .body("schema.find { it.name == 'dev:custom:legacy' }.type", equalTo("Number"))
                .body("schema.find { it.name == 'dev:custom:legacy' }.maxValue", equalTo(9))
                .body("passwordPolicy.minimumLength", equalTo(8))
                .body("tokenValidity.accessTokenSeconds", equalTo(3600));
    }

    @Test
    void deleteUserPoolTakesItsUsersAlong() {
        String poolId = createPool();
        admin().when().delete("/pools/{id}", poolId).then().statusCode(204);
        admin().when().get("/pools/{id}/users/anyone", poolId).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"));
    }
}
