package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import static io.userpools.support.Api.adminJson;

import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, Swagger UI (dev mode, /q/swagger-ui): "Try it out" fills each request body with the operation's
 * example and sends it with the key given to "Authorize" (the declared bearer schemes, OpenApiTest). No browser
 * runs here, so this proves what the UI relies on: every request body has an example that its schema takes (no
 * unknown field, which the service refuses, and every required one), and the admin examples, sent as they are
 * with an admin key, are accepted by the service.
 */
@QuarkusTest
class OpenApiExamplesTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private Map<String, Object> document;
    private final Map<String, Map<String, Object>> operations = new LinkedHashMap<>();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void fetch() {
        document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((m, op) -> {
            if (METHODS.contains(m)) {
                Map<String, Object> body = (Map<String, Object>) op;
                operations.put((String) body.get("operationId"), body);
            }
        }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRequestBodyHasAnExampleThatItsSchemaTakes() {
        int bodies = 0;
        for (Map.Entry<String, Map<String, Object>> op : operations.entrySet()) {
            Map<String, Object> body = (Map<String, Object>) op.getValue().get("requestBody");
            if (body == null) {
                continue;
            }
            bodies++;
            Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) body.get("content");
            if (!content.containsKey("application/json")) {
                // a file upload (text/csv): an example of the file, no fields to check
                content.forEach((type, media) -> assertThat(media.get("examples"))
                        .as("examples of %s's %s body", op.getKey(), type).isNotNull());
                continue;
            }
            Map<String, Object> json = content.get("application/json");
            Map<String, Map<String, Object>> examples = (Map<String, Map<String, Object>>) json.get("examples");
            assertThat(examples).as("examples of %s", op.getKey()).isNotEmpty();
            Map<String, Object> schema = resolve((Map<String, Object>) json.get("schema"));
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            List<String> required = (List<String>) schema.getOrDefault("required", List.of());
            examples.forEach((name, example) -> {
                assertThat(example.get("value")).as("example %s of %s", name, op.getKey()).isInstanceOf(Map.class);
                Map<String, Object> value = (Map<String, Object>) example.get("value");
                assertThat(properties.keySet()).as("fields of %s's example %s", op.getKey(), name)
                        .containsAll(value.keySet());
                assertThat(value.keySet()).as("required fields in %s's example %s", op.getKey(), name)
                        .containsAll(required);
            });
        }
        assertThat(bodies).as("operations with a body").isGreaterThanOrEqualTo(12);
    }

    /** What "Try it out" sends for the admin operations, one after the other, with only the path filled in. */
    @Test
    void theAdminExamplesWorkAsTryItOutSendsThem() {
        Map<String, Object> pool = new LinkedHashMap<>(example("createUserPool"));
        pool.put("name", "try-" + UUID.randomUUID().toString().substring(0, 8));
        String poolId = adminJson(pool).post("/pools").then().statusCode(201).extract().path("id");
        adminJson(example("createUserPoolClient")).post("/pools/{poolId}/clients", poolId).then().statusCode(201);
        String username = adminJson(example("adminCreateUser")).post("/pools/{poolId}/users", poolId)
                .then().statusCode(201).extract().path("username");
        adminJson(example("adminUpdateUserAttributes"))
                .patch("/pools/{poolId}/users/{username}/attributes", poolId, username).then().statusCode(200);
        adminJson(example("adminSetUserPassword"))
                .put("/pools/{poolId}/users/{username}/password", poolId, username).then().statusCode(204);
        adminJson(example("setUserPoolRateLimits")).put("/pools/{poolId}/rate-limits", poolId).then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> example(String operationId) {
        Map<String, Object> body = (Map<String, Object>) operations.get(operationId).get("requestBody");
        Map<String, Object> json = (Map<String, Object>) ((Map<String, Object>) body.get("content"))
                .get("application/json");
        Map<String, Map<String, Object>> examples = (Map<String, Map<String, Object>>) json.get("examples");
        return (Map<String, Object>) examples.values().iterator().next().get("value");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ((String) ref).substring("#/components/schemas/".length());
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas")).get(name);
    }
}
