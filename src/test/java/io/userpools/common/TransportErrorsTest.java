package io.userpools.common;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Mistakes of the transport, before any resource runs: problem+json with a request id, never a 5xx. */
@QuarkusTest
class TransportErrorsTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void malformedJsonIsAnInvalidParameter() {
        admin().contentType(ContentType.JSON).body("{\"name\": ").when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM)
                .header(RequestIds.HEADER, notNullValue())
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Malformed JSON in request body"));
    }

    @Test
    void anArrayInsteadOfAnObjectIsAnInvalidParameter() {
        admin().contentType(ContentType.JSON).body("[]").when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        admin().contentType(ContentType.JSON).body("\"pool\"").when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void wrongFieldTypesAreInvalidParameters() {
        admin().contentType(ContentType.JSON).body("{\"name\": {\"a\": 1}}").when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Field 'name' has the wrong type"));
        admin().contentType(ContentType.JSON).body("{\"name\": \"x\", \"aliasAttributes\": {\"email\": true}}")
                .when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void aMissingOrNullBodyIsAnInvalidParameter() {
        admin().contentType(ContentType.JSON).when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        admin().contentType(ContentType.JSON).body("null").when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }

    @Test
    void aWrongContentTypeIs415() {
        admin().contentType(ContentType.TEXT).body("name=x").when().post("/pools")
                .then().statusCode(415).contentType(PROBLEM)
                .header(RequestIds.HEADER, notNullValue())
                .body("code", equalTo("InvalidParameterException"))
                .body("status", equalTo(415));
        admin().contentType(ContentType.URLENC).formParam("name", "x").when().post("/pools")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void aBodyOverTheLimitIs413WithARequestId() {
        String big = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        admin().header(RequestIds.HEADER, "big-body-1").contentType(ContentType.JSON).body(big)
                .when().post("/pools")
                .then().statusCode(413).contentType(PROBLEM)
                .header(RequestIds.HEADER, equalTo("big-body-1"))
                .body("code", equalTo("InvalidParameterException"))
                .body("status", equalTo(413))
                .body("requestId", equalTo("big-body-1"));
    }

    @Test
    void anUnknownPathIs404() {
        given().when().get("/no/such/thing")
                .then().statusCode(404).contentType(PROBLEM)
                .header(RequestIds.HEADER, matchesPattern(UUID))
                .body("code", equalTo("ResourceNotFoundException"))
                .body("status", equalTo(404));
        admin().when().get("/pools/{id}/no-such-child", "us-east-1_abcdefghi")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
    }

    @Test
    void aWrongMethodIs405() {
        admin().when().put("/pools")
                .then().statusCode(405).contentType(PROBLEM)
                .header(RequestIds.HEADER, notNullValue())
                .body("code", equalTo("InvalidParameterException"))
                .body("status", equalTo(405));
        admin().when().patch("/pools/{id}", "us-east-1_abcdefghi")
                .then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void requestIdsAreEchoedWhenSaneAndFreshOtherwise() {
        admin().header(RequestIds.HEADER, "abc-123.x:y_z").when().get("/pools")
                .then().statusCode(200).header(RequestIds.HEADER, equalTo("abc-123.x:y_z"));
        admin().header(RequestIds.HEADER, "has spaces <script>").when().get("/pools")
                .then().statusCode(200).header(RequestIds.HEADER, matchesPattern(UUID));
        admin().header(RequestIds.HEADER, "x".repeat(129)).when().get("/pools")
                .then().statusCode(200).header(RequestIds.HEADER, matchesPattern(UUID));
        admin().when().get("/pools").then().statusCode(200).header(RequestIds.HEADER, matchesPattern(UUID));
        given().header(RequestIds.HEADER, "unauth-1").when().get("/pools")
                .then().statusCode(401).header(RequestIds.HEADER, equalTo("unauth-1"))
                .body("requestId", equalTo("unauth-1"));
    }

    @Test
    void swaggerUiIsNotServedOutsideDevMode() {
        given().when().get("/q/swagger-ui/").then().statusCode(404).body(not(containsString("<html")));
        given().when().get("/q/swagger-ui/index.html").then().statusCode(404).body(not(containsString("<html")));
    }
}
