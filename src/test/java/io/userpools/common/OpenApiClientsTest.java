package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import io.userpools.user.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: what generated clients (OpenAPI Generator, Java and Python) need of the served
 * document so that they work without hand edits.
 */
@QuarkusTest
class OpenApiClientsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Java-only regex syntax that ECMA-262 (without flags) or Python does not share. */
    private static final List<String> NOT_PORTABLE = List.of("\\p", "\\P", "\\A", "\\Z", "\\z", "\\G", "\\h", "\\H",
            "\\R", "\\X", "\\Q", "\\E", "\\K", "\\N", "++", "*+", "?+", "}+", "&&", "[[");
    /** A group other than (?:...), (?=...) and (?!...): named, atomic, lookbehind or inline flags. */
    private static final Pattern SPECIAL_GROUP = Pattern.compile("\\(\\?(?![:=!])");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private Map<String, Object> document;
    private Map<String, Map<String, Object>> operations;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void fetch() {
        document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        operations = new java.util.LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> body = new java.util.HashMap<>((Map<String, Object>) op);
                body.put("x-path", path);
                operations.put((String) body.get("operationId"), body);
            }
        }));
    }

    @Test
    void everyPatternIsPortableAndAnchored() {
        List<String> patterns = new ArrayList<>();
        walk(document, (key, value) -> {
            if (key.equals("pattern") && value instanceof String pattern) {
                patterns.add(pattern);
            }
        });
        assertThat(patterns).as("patterns in the document").hasSizeGreaterThanOrEqualTo(5);
        for (String pattern : patterns) {
            assertPortable(pattern);
        }
    }

    @Test
    void theConservativeRuleRefusesJavaOnlySyntax() {
        for (String bad : List.of("^[\\p{L}]+$", "^\\S++$", "^(?i)abc$", "^(?<=a)b$", "^(?>a)$", "[a-z]+", "^abc",
                "^[a-z&&[^e]]$", "^\\Aab$")) {
            assertThat(portabilityProblem(bad)).as(bad).isNotNull();
        }
        assertThat(portabilityProblem("^(?:a|b)$")).isNull();
    }

    /** The document's username pattern takes what the service takes, in every script. */
    @Test
    @SuppressWarnings("unchecked")
    void theUsernamePatternTakesUnicodeNames() {
        Map<String, Object> username = (Map<String, Object>) property("AdminCreateUserRequest", "username");
        Pattern documented = Pattern.compile((String) username.get("pattern"));
        for (String name : List.of("jdoe", "élève", "用户", "a+b@example.com", "Ωμέγα_1", "x-y.z")) {
            assertThat(documented.matcher(name).matches()).as(name).isTrue();
        }
        for (String name : List.of("", "a b", "a\tb", "a\u0000b", "a\nb")) {
            assertThat(documented.matcher(name).matches()).as(name).isFalse();
        }
    }

    @Test
    void wordListsAreEnumsNotPatterns() {
        assertThat(property("AdminCreateUserRequest", "messageAction"))
                .containsEntry("enum", List.of("RESEND", "SUPPRESS")).doesNotContainKey("pattern");
        assertThat(property("RespondToAuthChallengeRequest", "challengeName"))
                .containsEntry("enum", List.of("NEW_PASSWORD_REQUIRED")).doesNotContainKey("pattern");
    }

    @Test
    @SuppressWarnings("unchecked")
    void attributeValuesMayBeNullAndTheSelfServiceBodyHasItsOwnSchema() {
        for (String schema : List.of("AdminUpdateUserAttributesRequest", "UpdateUserAttributesRequest")) {
            Map<String, Object> values = (Map<String, Object>) property(schema, "attributes").get("additionalProperties");
            assertThat(values).as(schema).containsEntry("type", List.of("string", "null"));
            assertThat(property(schema, "attributes")).as(schema).doesNotContainKey("x-null-deletes");
        }
        assertThat(bodyRef("updateUserAttributes")).isEqualTo("#/components/schemas/UpdateUserAttributesRequest");
        assertThat(bodyRef("adminUpdateUserAttributes"))
                .isEqualTo("#/components/schemas/AdminUpdateUserAttributesRequest");
    }

    @Test
    void pageSizesAreIntegers() {
        assertThat(parameterSchema("listUsers", "limit")).containsEntry("type", "integer");
        assertThat(parameterSchema("listUserPools", "maxResults")).containsEntry("type", "integer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noSchemaNameIsADuplicateWithANumber() {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        assertThat(schemas.keySet()).noneMatch(name -> name.matches(".*\\d$"));
        assertThat(schemas).containsKeys("TokenValidityUnits", "TokenValidityUnitsRequest");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pathParametersComeInPathOrder() {
        operations.forEach((id, op) -> {
            List<String> inPath = new ArrayList<>();
            Matcher m = PATH_PARAM.matcher((String) op.get("x-path"));
            while (m.find()) {
                inPath.add(m.group(1));
            }
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
            List<String> declared = parameters.stream().filter(p -> "path".equals(p.get("in")))
                    .map(p -> (String) p.get("name")).toList();
            assertThat(declared).as("path parameters of %s", id).isEqualTo(inPath);
            assertThat(parameters.subList(0, declared.size())).as("parameters of %s", id)
                    .allSatisfy(p -> assertThat(p).containsEntry("in", "path"));
        });
        assertThat(parameterNames("describeUserPoolClient")).startsWith("poolId", "clientId");
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersDeclareTheHeadersTheyCarry() {
        operations.forEach((id, op) -> ((Map<String, Map<String, Object>>) op.get("responses")).forEach((code, r) -> {
            Map<String, Object> headers = (Map<String, Object>) r.get("headers");
            assertThat(headers).as("headers of %s %s", id, code).isNotNull().containsKey("X-Request-Id");
            if (code.equals("429") || code.equals("503")) {
                assertThat(headers).as("headers of %s %s", id, code).containsKey("Retry-After");
            }
        }));
        for (String id : List.of("adminGetUser", "adminUpdateUserAttributes", "adminDeleteUserAttributes")) {
            assertThat(headers(id, "200")).as(id).containsKey("ETag");
        }
        assertThat(headers("adminCreateUser", "201")).containsKeys("ETag", "Location");
        assertThat(headers("createUserPool", "201")).containsKey("Location");
        assertThat(headers("createUserPoolClient", "201")).containsKey("Location");
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        assertThat((Map<String, Object>) components.get("headers")).containsKeys("X-Request-Id", "Retry-After");
        for (String id : List.of("adminUpdateUserAttributes", "adminDeleteUserAttributes")) {
            assertThat(parameters(id)).as(id).anySatisfy(p -> assertThat(p).containsEntry("name", "If-Match")
                    .containsEntry("in", "header").containsKey("description"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewsSayWhatIsAlwaysThere() {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        Map<String, List<String>> expected = Map.of(
                "UserView", List.of("username", "sub", "enabled", "status", "attributes", "version"),
                "UserUpdateView", List.of("username", "sub", "attributes", "version"),
                "UserListView", List.of("users"),
                "PoolListView", List.of("pools"),
                "PoolView", List.of("id", "name", "schema"),
                "ClientView", List.of("clientId", "poolId", "name", "hasSecret"),
                "SelfUpdateView", List.of("codeDeliveryDetails", "user"),
                "CodeDeliveryView", List.of("codeDeliveryDetails"),
                "Problem", List.of("type", "title", "status", "code"));
        expected.forEach((name, required) -> {
            Map<String, Object> schema = (Map<String, Object>) schemas.get(name);
            assertThat(schema).as(name).isNotNull();
            assertThat((List<String>) schema.get("required")).as("required of %s", name).containsAll(required)
                    .allSatisfy(p -> assertThat((Map<String, Object>) schema.get("properties")).as(name).containsKey(p));
        });
        assertThat(property("UserView", "status")).containsEntry("type", "string").containsEntry("enum",
                java.util.Arrays.stream(UserStatus.values()).map(Enum::name).toList());
    }

    /** What the views declare required is really in every answer. */
    @Test
    void answersCarryWhatTheirSchemaRequires() {
        String pool = Api.createPool();
        String client = Auth.createPasswordClient(pool);
        String user = Api.createUser(pool, "req-" + UUID.randomUUID().toString().substring(0, 8), Map.of());
        assertCarries("PoolView", admin().get("/pools/{poolId}", pool));
        assertCarries("PoolListView", admin().queryParam("maxResults", 1).get("/pools"));
        assertCarries("ClientView", admin().get("/pools/{poolId}/clients/{clientId}", pool, client));
        assertCarries("UserView", admin().get("/pools/{poolId}/users/{username}", pool, user));
        assertCarries("UserListView", admin().get("/pools/{poolId}/users", pool));
        assertCarries("UserUpdateView", adminJson(Map.of("attributes", Map.of("custom:tier", "gold")))
                .patch("/pools/{poolId}/users/{username}/attributes", pool, user));
        assertCarries("Problem", admin().get("/pools/{poolId}/users/{username}", pool, "nobody"));
    }

    @SuppressWarnings("unchecked")
    private void assertCarries(String schema, Response response) {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        List<String> required = (List<String>) ((Map<String, Object>) schemas.get(schema)).get("required");
        Map<String, Object> body = response.then().extract().jsonPath().getMap("$");
        assertThat(body).as("%s answer %s", schema, body).containsKeys(required.toArray(String[]::new));
    }

    @Test
    void aLockedOutSignInDeclaresRetryAfter() {
        assertThat(headers("initiateAuth", "401")).containsKeys("Retry-After", "X-Request-Id");
    }

    static void assertPortable(String pattern) {
        assertThat(portabilityProblem(pattern)).as("pattern %s", pattern).isNull();
    }

    /** Why {@code pattern} is not anchored, portable ECMA-262, or null when it is. */
    static String portabilityProblem(String pattern) {
        if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) {
            return "not anchored with ^...$";
        }
        for (String token : NOT_PORTABLE) {
            if (pattern.contains(token)) {
                return "uses " + token;
            }
        }
        if (SPECIAL_GROUP.matcher(pattern).find()) {
            return "uses a named, atomic, lookbehind or flag group";
        }
        try {
            Pattern.compile(pattern);
        } catch (RuntimeException e) {
            return "does not compile: " + e.getMessage();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, BiConsumer<String, Object> visit) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                visit.accept((String) k, v);
                walk(v, visit);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> walk(v, visit));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> property(String schema, String name) {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schema))
                .get("properties");
        assertThat(properties).as("properties of %s", schema).containsKey(name);
        return (Map<String, Object>) properties.get(name);
    }

    @SuppressWarnings("unchecked")
    private String bodyRef(String operationId) {
        Map<String, Object> body = (Map<String, Object>) operations.get(operationId).get("requestBody");
        Map<String, Object> content = (Map<String, Object>) body.get("content");
        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
        return (String) ((Map<String, Object>) json.get("schema")).get("$ref");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parameters(String operationId) {
        assertThat(operations).containsKey(operationId);
        return (List<Map<String, Object>>) operations.get(operationId).get("parameters");
    }

    private List<String> parameterNames(String operationId) {
        return parameters(operationId).stream().map(p -> (String) p.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parameterSchema(String operationId, String name) {
        return parameters(operationId).stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .map(p -> (Map<String, Object>) p.get("schema")).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> headers(String operationId, String code) {
        Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operations.get(operationId)
                .get("responses");
        return (Map<String, Object>) responses.get(code).get("headers");
    }
}
