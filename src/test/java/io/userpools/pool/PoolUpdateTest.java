package io.userpools.pool;

import static io.restassured.RestAssured.given;
import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** UpdateUserPool ({@code PUT /pools/{poolId}}) and AddCustomAttributes ({@code POST /pools/{poolId}/schema}). */
@QuarkusTest
class PoolUpdateTest {

    static String poolWithSettings() {
        return createPool(Map.of("name", "updatable", "aliasAttributes", List.of("email"),
                "autoVerifiedAttributes", List.of("email"),
                "attributesRequireVerificationBeforeUpdate", List.of("email"),
                "messaging", Map.of("email", Map.of("subject", "Hello", "message", "Code {####}")),
                "passwordPolicy", Map.of("minimumLength", 12, "requireSymbols", false),
                "tokenValidity", Map.of("accessTokenSeconds", 900)));
    }

    @Test
    void updateUserPoolReplacesTheSettingsAndResetsWhatIsLeftOut() {
        String pool = poolWithSettings();
        Instant created = Instant.parse(admin().get("/pools/{id}", pool).then().extract().path("createdAt"));
        adminJson(Map.of("autoVerifiedAttributes", List.of("email", "phone_number"),
                "passwordPolicy", Map.of("minimumLength", 10)))
                .when().put("/pools/{id}", pool)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(pool))
                .body("name", equalTo("updatable"))
                .body("aliasAttributes", equalTo(List.of("email")))
                .body("autoVerifiedAttributes", hasItems("email", "phone_number"))
                .body("attributesRequireVerificationBeforeUpdate", hasSize(0))
                .body("passwordPolicy.minimumLength", equalTo(10))
                .body("passwordPolicy.requireSymbols", equalTo(true))
                .body("messaging.email.subject", equalTo("Your verification code"))
                .body("tokenValidity.accessTokenSeconds", equalTo(3600));
        // later requests see the change at once (the cache holds the committed pool)
        var view = admin().get("/pools/{id}", pool).then().statusCode(200)
                .body("passwordPolicy.minimumLength", equalTo(10))
                .body("autoVerifiedAttributes", hasItem("phone_number")).extract().jsonPath();
        assertThat(Instant.parse(view.getString("lastModifiedAt"))).isAfter(created);
        assertThat(view.getString("createdAt")).isEqualTo(created.toString());
        Map<String, Object> stored = stored(pool);
        assertThat(stored.get("autoVerifiedAttributes")).isEqualTo(List.of("email", "phone_number"));
        assertThat(stored.get("passwordPolicy")).isEqualTo(view.getMap("passwordPolicy"));
        assertThat(stored.get("lastModifiedAt")).isEqualTo(view.getString("lastModifiedAt"));
    }

    @Test
    void aNewPasswordPolicyAppliesToTheNextPasswordAtOnce() {
        String pool = createPool();
        Api.createUser(pool, "ann", Map.of());
        adminJson(Map.of("passwordPolicy", Map.of("minimumLength", 20)))
                .put("/pools/{id}", pool).then().statusCode(200);
        adminJson(Map.of("password", Auth.PASSWORD, "permanent", true))
                .put("/pools/{poolId}/users/{username}/password", pool, "ann")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidPasswordException"));
    }

    @Test
    void anEmptyBodyResetsEverySetting() {
        String pool = poolWithSettings();
        adminJson(Map.of()).put("/pools/{id}", pool).then().statusCode(200)
                .body("autoVerifiedAttributes", hasSize(0))
                .body("passwordPolicy.minimumLength", equalTo(8))
                .body("aliasAttributes", equalTo(List.of("email")));
    }

    @Test
    void updateUserPoolRefusesChangesToWhatIsFixedAtCreation() {
        String pool = poolWithSettings();
        adminJson(Map.of("aliasAttributes", List.of("email"), "usernameCaseSensitive", true))
                .put("/pools/{id}", pool).then().statusCode(200);
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("aliasAttributes", List.of("phone_number")),
                Map.of("usernameAttributes", List.of("email")),
                Map.of("usernameCaseSensitive", false))) {
            String field = body.keySet().iterator().next();
            adminJson(body).put("/pools/{id}", pool).then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo(field + " cannot be changed after the pool is created."));
        }
    }

    @Test
    void updateUserPoolRunsTheChecksOfCreation() {
        String pool = poolWithSettings();
        adminJson(Map.of("attributesRequireVerificationBeforeUpdate", List.of("email")))
                .put("/pools/{id}", pool).then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("All attributes in AttributesRequireVerificationBeforeUpdate must exist in "
                        + "AutoVerifiedAttributes"));
        adminJson(Map.of("messaging", Map.of("sms", Map.of("message", "no placeholder"))))
                .put("/pools/{id}", pool).then().statusCode(400).body("code", equalTo("InvalidParameterException"));
        adminJson(Map.of("passwordPolicy", Map.of("minimumLength", 5)))
                .put("/pools/{id}", pool).then().statusCode(400).body("code", equalTo("InvalidParameterException"));
        adminJson(Map.of("triggers", Map.of("customMessage", Map.of("url", "ftp://hooks.example"))))
                .put("/pools/{id}", pool).then().statusCode(400).body("code", equalTo("InvalidParameterException"));
        // name and schema are not settings of this operation: unknown fields are refused
        adminJson(Map.of("name", "renamed")).put("/pools/{id}", pool).then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
        // nothing of a refused update was stored
        admin().get("/pools/{id}", pool).then().body("name", equalTo("updatable"))
                .body("passwordPolicy.minimumLength", equalTo(12));
    }

    @Test
    void updateUserPoolSetsAndClearsTheTrigger() {
        String pool = createPool();
        adminJson(Map.of("triggers", Map.of("customMessage", Map.of("url", "https://hooks.example/custom",
                "secret", "0123456789abcdef0123"))))
                .put("/pools/{id}", pool).then().statusCode(200)
                .body("triggers.customMessage.url", equalTo("https://hooks.example/custom"))
                .body("triggers.customMessage.secret", nullValue());
        adminJson(Map.of()).put("/pools/{id}", pool).then().statusCode(200).body("triggers", nullValue());
    }

    @Test
    void updateUserPoolOfAnUnknownPoolIsResourceNotFound() {
        adminJson(Map.of()).put("/pools/{id}", "us-east-1_nope12345").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("ResourceNotFoundException"))
                .body("detail", equalTo("User pool us-east-1_nope12345 does not exist."));
        admin().contentType(ContentType.JSON).put("/pools/{id}", createPool()).then().statusCode(400)
                .contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
        given().contentType(ContentType.JSON).body("{}").put("/pools/{id}", createPool()).then().statusCode(401)
                .contentType(PROBLEM).body("code", equalTo("NotAuthorizedException"));
    }

    @Test
    void addCustomAttributesAppendsToTheSchema() {
        String pool = createPool(Map.of("name", "plain"));
        adminJson(Map.of("schema", List.of(Map.of("name", "plan", "type", "String", "maxLength", 32),
                Map.of("name", "seats", "type", "Number", "minValue", 1, "maxValue", 500),
                Map.of("name", "legacy", "type", "Boolean", "developerOnly", true))))
                .when().post("/pools/{id}/schema", pool)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("schema", hasSize(23))
                .body("schema.find { it.name == 'custom:plan' }.maxLength", equalTo(32))
                .body("schema.find { it.name == 'custom:seats' }.maxValue", equalTo(500))
                .body("schema.find { it.name == 'dev:custom:legacy' }.developerOnly", equalTo(true));
        assertThat((List<?>) stored(pool).get("schema")).hasSize(23);
        // the new attribute is usable at once
        adminJson(Map.of("username", "bob", "attributes", Map.of("custom:plan", "pro"), "messageAction", "SUPPRESS"))
                .post("/pools/{poolId}/users", pool).then().statusCode(201)
                .body("attributes.'custom:plan'", equalTo("pro"));
    }

    @Test
    void addCustomAttributesRefusesExistingNamesAndRequiredOnes() {
        String pool = createPool(Map.of("name", "attrs", "schema", List.of(Map.of("name", "tier", "type", "String"))));
        for (Map<String, Object> attribute : List.<Map<String, Object>>of(
                Map.of("name", "tier", "type", "String"),
                Map.of("name", "tier", "type", "Number", "developerOnly", true))) {
            adminJson(Map.of("schema", List.of(attribute))).post("/pools/{id}/schema", pool)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                    .body("detail", equalTo("custom:tier: Existing attribute already has name custom:tier."));
        }
        adminJson(Map.of("schema", List.of(Map.of("name", "a", "type", "String"), Map.of("name", "a", "type",
                "String")))).post("/pools/{id}/schema", pool).then().statusCode(400)
                .body("detail", equalTo("custom:a: Existing attribute already has name custom:a."));
        adminJson(Map.of("schema", List.of(Map.of("name", "must", "type", "String", "required", true))))
                .post("/pools/{id}/schema", pool).then().statusCode(400)
                .body("detail", equalTo("Required custom attributes are not supported currently."));
        adminJson(Map.of("schema", List.of(Map.of("name", "untyped"))))
                .post("/pools/{id}/schema", pool).then().statusCode(400)
                .body("detail", equalTo("Invalid AttributeDataType input, consider using the provided "
                        + "AttributeDataType enum."));
        adminJson(Map.of("schema", List.of(Map.of("name", "short", "type", "String", "minLength", 5,
                "maxLength", 2)))).post("/pools/{id}/schema", pool).then().statusCode(400)
                .body("detail", equalTo("Max length cannot be less than min length."));
        adminJson(Map.of("schema", List.of())).post("/pools/{id}/schema", pool).then().statusCode(400)
                .body("code", equalTo("InvalidParameterException"));
        // a refused request adds nothing, not even its valid entries
        adminJson(Map.of("schema", List.of(Map.of("name", "fine", "type", "String"),
                Map.of("name", "tier", "type", "String")))).post("/pools/{id}/schema", pool).then().statusCode(400);
        admin().get("/pools/{id}", pool).then().body("schema.name", not(hasItem("custom:fine")));
    }

    @Test
    void aPoolHoldsAtMostFiftyCustomAttributes() {
        String pool = createPool(Map.of("name", "fifty"));
        for (int batch = 0; batch < 2; batch++) {
            adminJson(Map.of("schema", attributes("b" + batch + "x", 25))).post("/pools/{id}/schema", pool)
                    .then().statusCode(200);
        }
        adminJson(Map.of("schema", attributes("over", 1))).post("/pools/{id}/schema", pool)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"))
                .body("detail", equalTo("Cannot add more than 50 custom attributes to a user pool."));
        adminJson(Map.of("schema", attributes("many", 26))).post("/pools/{id}/schema", createPool())
                .then().statusCode(400).body("code", equalTo("InvalidParameterException"))
                .body("violations[0].field", equalTo("schema"));
    }

    @Test
    void addCustomAttributesOfAnUnknownPoolIsResourceNotFound() {
        adminJson(Map.of("schema", attributes("x", 1))).post("/pools/{id}/schema", "us-east-1_nope12345")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("ResourceNotFoundException"));
        given().contentType(ContentType.JSON).body(Map.of("schema", attributes("x", 1)))
                .post("/pools/{id}/schema", createPool()).then().statusCode(401)
                .body("code", equalTo("NotAuthorizedException"));
    }

    /** The pool as ListUserPools reads it from the database, past the cache of DescribeUserPool. */
    static Map<String, Object> stored(String poolId) {
        return PoolResourceTest.allPools().stream().filter(pool -> poolId.equals(pool.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("pool " + poolId + " is not listed"));
    }

    static List<Map<String, Object>> attributes(String prefix, int count) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Map.of("name", prefix + i, "type", "String"));
        }
        return list;
    }
}
