package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: Swagger UI as dev mode serves it (the test profile switches it off elsewhere, TransportErrorsTest;
 * the prod jar leaves it out): it is served and loads the document of /q/openapi, whose examples and security
 * schemes OpenApiExamplesTest and OpenApiTest check. No browser runs here.
 */
@QuarkusTest
@TestProfile(SwaggerUiTest.Enabled.class)
class SwaggerUiTest {

    /** Swagger UI on, as in dev mode. */
    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.swagger-ui.enabled", "true");
        }
    }

    @Test
    void swaggerUiIsServedAndLoadsTheServedDocument() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("<html"))
                .body(containsString("/q/openapi"));
    }
}
