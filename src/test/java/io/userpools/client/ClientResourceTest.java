package io.userpools.client;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientResourceTest {

    private static String poolWithDevAndRequired() {
        return createPool(Map.of("name", "clients", "schema", List.of(
                Map.of("name", "tier", "type", "String"),
                Map.of("name", "legacy", "type", "String", "developerOnly", true),
                Map.of("name", "name", "required", true))));
    }

    @Test
    void createUserPoolClientAppliesCognitosDefaults() {
        String poolId = createPool();
        adminJson(Map.of("name", "web")).when().post("/pools/{p}/clients", poolId)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/pools/" + poolId + "/clients/[a-z0-9]{26}"))
                .body("clientId", matchesPattern("[a-z0-9]{26}"))
                .body("poolId", equalTo(poolId))
                .body("readAttributes", hasItem("email_verified"))
                .body("readAttributes", hasItem("sub"))
                .body("readAttributes", not(hasItem("custom:tier")))
                .body("writeAttributes", hasItem("email"))
                .body("writeAttributes", not(hasItem("sub")))
                .body("writeAttributes", not(hasItem("email_verified")))
                .body("writeAttributes", not(hasItem("custom:tier")))
                .body("explicitAuthFlows", contains("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"))
                .body("accessTokenValidity", equalTo(1))
                .body("tokenValidityUnits.accessToken", equalTo("hours"))
                .body("refreshTokenValidity", equalTo(30))
                .body("preventUserExistenceErrors", equalTo("LEGACY"))
                .body("hasSecret", equalTo(false))
                .body("clientSecret", nullValue());
    }

    @Test
    void explicitListsAreKeptAndRequiredAttributesAreAlwaysWritable() {
        String poolId = poolWithDevAndRequired();
        adminJson(Map.of("name", "web", "readAttributes", List.of("email", "custom:tier", "dev:custom:legacy"),
                "writeAttributes", List.of("custom:tier"),
                "accessTokenValidity", 30, "tokenValidityUnits", Map.of("accessToken", "minutes")))
                .when().post("/pools/{p}/clients", poolId)
                .then().statusCode(201)
                .body("readAttributes", containsInAnyOrder("sub", "email", "custom:tier", "dev:custom:legacy"))
                .body("writeAttributes", containsInAnyOrder("custom:tier", "name"))
                .body("accessTokenValidity", equalTo(30))
                .body("tokenValidityUnits.accessToken", equalTo("minutes"));
    }

    @Test
    void forbiddenOrUnknownWriteAttributesAreInvalid() {
        String poolId = poolWithDevAndRequired();
        for (String name : List.of("sub", "email_verified", "phone_number_verified", "dev:custom:legacy",
                "custom:nope", "tier", "nope")) {
            adminJson(Map.of("name", "web", "writeAttributes", List.of("email", name)))
                    .when().post("/pools/{p}/clients", poolId)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo("Invalid write attributes specified while creating a client"));
        }
    }

    @Test
    void unknownReadAttributesAreInvalid() {
        String poolId = createPool();
        adminJson(Map.of("name", "web", "readAttributes", List.of("email", "custom:nope")))
                .when().post("/pools/{p}/clients", poolId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Invalid read attributes specified while creating a client"));
    }

    @Test
    void badFlowsValiditiesAndShapesAreInvalid() {
        String poolId = createPool();
        List<Map<String, Object>> bodies = List.of(
                Map.of("name", "web", "explicitAuthFlows", List.of("USER_PASSWORD")),
                Map.of("name", "web", "accessTokenValidity", 2, "tokenValidityUnits", Map.of("accessToken", "days")),
                Map.of("name", "web", "accessTokenValidity", 4, "tokenValidityUnits", Map.of("accessToken", "minutes")),
                Map.of("name", "web", "refreshTokenValidity", 30, "tokenValidityUnits", Map.of("refreshToken", "minutes")),
                Map.of("name", "web", "tokenValidityUnits", Map.of("idToken", "weeks")),
                Map.of("name", "web", "preventUserExistenceErrors", "MAYBE"),
                Map.of("name", "bad/name"),
                Map.of("name", "web", "typo", true));
        for (Map<String, Object> body : bodies) {
            adminJson(body).when().post("/pools/{p}/clients", poolId)
                    .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        }
    }

    @Test
    void aGeneratedSecretIsShownOnceOnly() {
        String poolId = createPool();
        String clientId = adminJson(Map.of("name", "server", "generateSecret", true))
                .when().post("/pools/{p}/clients", poolId)
                .then().statusCode(201)
                .body("hasSecret", equalTo(true))
                .body("clientSecret", matchesPattern("[a-z0-9]{51}"))
                .extract().path("clientId");
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("hasSecret", equalTo(true))
                .body("clientSecret", nullValue());
    }

    @Test
    void describeUserPoolClientOfAnUnknownClientOrPoolIsResourceNotFound() {
        String poolId = createPool();
        String other = createPool();
        String clientId = adminJson(Map.of("name", "web")).post("/pools/{p}/clients", other)
                .then().statusCode(201).extract().path("clientId");
        admin().when().get("/pools/{p}/clients/{c}", poolId, clientId)
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool client " + clientId + " does not exist."));
        admin().when().get("/pools/{p}/clients/{c}", "us-east-1_nope12345", clientId)
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"));
        adminJson(Map.of("name", "web")).when().post("/pools/{p}/clients", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"));
    }

    @Test
    void clientsNeedAdminCredentials() {
        String poolId = createPool();
        given().contentType("application/json").body(Map.of("name", "web"))
                .when().post("/pools/{p}/clients", poolId)
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }
}
