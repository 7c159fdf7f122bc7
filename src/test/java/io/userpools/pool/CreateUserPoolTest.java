package io.userpools.pool;

import static io.userpools.support.Api.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/** CreateUserPool: every invalid schema or setting is a 400 InvalidParameterException [2.10]. */
@QuarkusTest
class CreateUserPoolTest {

    private static final String SECRET = "0123456789abcdef";

    private static Map<String, Object> pool(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "create-test");
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static void invalid(Object body, Matcher<?> detail) {
        adminJson(body).when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("InvalidParameterException"))
                .body("status", equalTo(400))
                .body("detail", detail);
    }

    private static void invalid(Object body, String detail) {
        invalid(body, equalTo(detail));
    }

    @Test
    void standardAttributeTypeOrDeveloperOnlyCannotChange() {
        invalid(pool("schema", List.of(Map.of("name", "email", "type", "Number"))),
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email");
        invalid(pool("schema", List.of(Map.of("name", "nickname", "developerOnly", true))),
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute nickname");
    }

    @Test
    void customAttributesNeedAValidType() {
        String text = "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.";
        invalid(pool("schema", List.of(Map.of("name", "tier"))), text);
        invalid(pool("schema", List.of(Map.of("name", "tier", "type", "Text"))), text);
    }

    @Test
    void customAttributesCannotBeRequired() {
        invalid(pool("schema", List.of(Map.of("name", "tier", "type", "String", "required", true))),
                "Required custom attributes are not supported currently.");
    }

    @Test
    void stringLengthConstraints() {
        invalid(pool("schema", List.of(Map.of("name", "tier", "type", "String", "maxLength", 2049))),
                containsString("2048"));
        invalid(pool("schema", List.of(Map.of("name", "tier", "type", "String", "minLength", 9, "maxLength", 3))),
                "Max length cannot be less than min length.");
    }

    @Test
    void customAttributeNames() {
        invalid(pool("schema", List.of(Map.of("name", "a".repeat(21), "type", "String"))),
                containsString("at 'schema.name' failed to satisfy constraint"));
        invalid(pool("schema", List.of(Map.of("name", "two words", "type", "String"))),
                containsString("at 'schema.name' failed to satisfy constraint"));
    }

    @Test
    void atMostFiftySchemaEntries() {
        List<Map<String, Object>> schema = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            schema.add(Map.of("name", "c" + i, "type", "String"));
        }
        invalid(pool("schema", schema), containsString("schema"));
    }

    @Test
    void usernameAndAliasAttributesAreExclusive() {
        invalid(pool("usernameAttributes", List.of("email"), "aliasAttributes", List.of("phone_number")),
                "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
    }

    @Test
    void attributeListsTakeOnlyAllowedNames() {
        invalid(pool("usernameAttributes", List.of("preferred_username")), containsString("'usernameAttributes'"));
        invalid(pool("aliasAttributes", List.of("nickname")), containsString("'aliasAttributes'"));
        invalid(pool("autoVerifiedAttributes", List.of("preferred_username")),
                containsString("'autoVerifiedAttributes'"));
    }

    @Test
    void verificationBeforeUpdateNeedsAutoVerification() {
        invalid(pool("autoVerifiedAttributes", List.of("email"),
                "attributesRequireVerificationBeforeUpdate", List.of("phone_number")),
                "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
    }

    @Test
    void poolNames() {
        invalid(pool("name", ""), containsString("'name'"));
        invalid(pool("name", "bad/name"), startsWith("1 validation error detected: "));
        invalid(pool("name", "a".repeat(129)), containsString("'name'"));
        invalid(pool("name", "bad/name"), containsString("'name'"));
        invalid(Map.of("schema", List.of()), containsString("'name'"));
        adminJson(pool("name", "Shop users+=,.@-_ 1")).when().post("/pools").then().statusCode(201)
                .body("name", equalTo("Shop users+=,.@-_ 1"));
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        invalid(pool("nmae", "x"), containsString("nmae"));
        invalid(pool("schema", List.of(Map.of("name", "tier", "type", "String", "maxLenght", 3))),
                containsString("maxLenght"));
        invalid(pool("passwordPolicy", Map.of("minLength", 8)), containsString("minLength"));
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://x.example", "secret", SECRET,
                "timeout", 100))), containsString("timeout"));
    }

    @Test
    void customMessageTrigger() {
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "/relative", "secret", SECRET))),
                "triggers.customMessage.url must be an absolute http or https URL without user information.");
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "ftp://example.com/x", "secret", SECRET))),
                "triggers.customMessage.url must be an absolute http or https URL without user information.");
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://admin:pw@example.com/x",
                "secret", SECRET))),
                "triggers.customMessage.url must be an absolute http or https URL without user information.");
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://example.com/" + "x".repeat(2048),
                "secret", SECRET))), containsString("'triggers.customMessage.url'"));
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://example.com/x"))),
                containsString("secret is required"));
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://example.com/x", "secret", "short"))),
                containsString("'triggers.customMessage.secret'"));
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://example.com/x", "secret", SECRET,
                "timeoutMillis", 99))), containsString("'triggers.customMessage.timeoutMillis'"));
        invalid(pool("triggers", Map.of("customMessage", Map.of("url", "https://example.com/x", "secret", SECRET,
                "timeoutMillis", 30001))), containsString("'triggers.customMessage.timeoutMillis'"));
    }

    @Test
    void triggerGetsTheDefaultTimeoutAndItsSecretIsNeverShown() {
        String body = adminJson(pool("triggers", Map.of("customMessage",
                Map.of("url", "https://hooks.example.com/cm", "secret", SECRET))))
                .when().post("/pools")
                .then().statusCode(201)
                .body("triggers.customMessage.url", equalTo("https://hooks.example.com/cm"))
                .body("triggers.customMessage.timeoutMillis", equalTo(5000))
                .body("triggers.customMessage.secret", nullValue())
                .body(not(containsString(SECRET)))
                .extract().path("id");
        admin().when().get("/pools/{id}", body).then().statusCode(200)
                .body("triggers.customMessage.timeoutMillis", equalTo(5000))
                .body(not(containsString(SECRET)));
    }

    @Test
    void messagingTemplates() {
        invalid(pool("messaging", Map.of("sms", Map.of("message", "no code at all"))),
                containsString("'messaging.sms.message'"));
        invalid(pool("messaging", Map.of("email", Map.of("message", "no code at all"))),
                containsString("'messaging.email.message'"));
        invalid(pool("messaging", Map.of("sms", Map.of("message", "{####}" + "x".repeat(135)))),
                containsString("'messaging.sms.message'"));
        invalid(pool("messaging", Map.of("email", Map.of("subject", "s".repeat(141)))),
                containsString("'messaging.email.subject'"));
        invalid(pool("messaging", Map.of("email", Map.of("message", "{####}" + "x".repeat(19_995)))),
                containsString("'messaging.email.message'"));
    }

    @Test
    void messagingDefaultsWhenAbsent() {
        adminJson(pool("messaging", Map.of("email", Map.of("subject", "Your code")))).when().post("/pools")
                .then().statusCode(201)
                .body("messaging.email.subject", equalTo("Your code"))
                .body("messaging.email.message", containsString("{####}"))
                .body("messaging.sms.message", equalTo("Your verification code is {####}."));
    }

    @Test
    void passwordPolicyBounds() {
        invalid(pool("passwordPolicy", Map.of("minimumLength", 5)), containsString("'passwordPolicy.minimumLength'"));
        invalid(pool("passwordPolicy", Map.of("minimumLength", 100)), containsString("'passwordPolicy.minimumLength'"));
        invalid(pool("passwordPolicy", Map.of("temporaryPasswordValidityDays", 366)),
                containsString("'passwordPolicy.temporaryPasswordValidityDays'"));
        invalid(pool("passwordPolicy", Map.of("temporaryPasswordValidityDays", -1)),
                containsString("'passwordPolicy.temporaryPasswordValidityDays'"));
        adminJson(pool("passwordPolicy", Map.of("minimumLength", 12, "requireSymbols", false))).when().post("/pools")
                .then().statusCode(201)
                .body("passwordPolicy.minimumLength", equalTo(12))
                .body("passwordPolicy.requireSymbols", equalTo(false))
                .body("passwordPolicy.requireUppercase", equalTo(true))
                .body("passwordPolicy.temporaryPasswordValidityDays", equalTo(7));
    }

    @Test
    void tokenValidityBounds() {
        invalid(pool("tokenValidity", Map.of("accessTokenSeconds", 299)),
                containsString("'tokenValidity.accessTokenSeconds'"));
        invalid(pool("tokenValidity", Map.of("idTokenSeconds", 86_401)), containsString("'tokenValidity.idTokenSeconds'"));
        invalid(pool("tokenValidity", Map.of("refreshTokenSeconds", 3_599)),
                containsString("'tokenValidity.refreshTokenSeconds'"));
        invalid(pool("tokenValidity", Map.of("refreshTokenSeconds", 315_360_001L)),
                containsString("'tokenValidity.refreshTokenSeconds'"));
        adminJson(pool("tokenValidity", Map.of("accessTokenSeconds", 300, "refreshTokenSeconds", 315_360_000L)))
                .when().post("/pools").then().statusCode(201)
                .body("tokenValidity.accessTokenSeconds", equalTo(300))
                .body("tokenValidity.idTokenSeconds", equalTo(3600))
                .body("tokenValidity.refreshTokenSeconds", equalTo(315_360_000));
    }

    @Test
    void anInvalidPoolIsNotStored() {
        adminJson(pool()).when().post("/pools").then().statusCode(201);
        String name = "never-stored-" + System.nanoTime();
        invalid(pool("name", name, "schema", List.of(Map.of("name", "tier", "type", "Nope"))),
                containsString("AttributeDataType"));
        assertThat(PoolResourceTest.allPoolNames()).isNotEmpty().doesNotContain(name);
    }

    @Test
    void wrongFieldTypesAreInvalidParameters() {
        invalid(pool("usernameCaseSensitive", "maybe"), containsString("usernameCaseSensitive"));
        invalid(pool("schema", "tier"), containsString("schema"));
        invalid(pool("passwordPolicy", Map.of("minimumLength", "long")), containsString("minimumLength"));
        admin().contentType(ContentType.JSON).body("[{\"name\":\"x\"}]").when().post("/pools")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("InvalidParameterException"));
    }
}
