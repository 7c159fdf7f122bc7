package io.userpools.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document keeps the house rules for every operation. */
@QuarkusTest
class OpenApiTest {

    /** Every operation the REST contract (API.md) promises so far; one place to extend. */
    static final Set<String> EXPECTED_OPERATIONS = Set.of(
            "createUserPool", "listUserPools", "describeUserPool", "deleteUserPool", "updateUserPool",
            "addCustomAttributes",
            "adminCreateUser", "adminGetUser", "adminDeleteUser", "listUsers", "adminListUserHistory",
            "adminUpdateUserAttributes", "adminDeleteUserAttributes",
            "createUserPoolClient", "describeUserPoolClient", "listUserPoolClients", "updateUserPoolClient",
            "deleteUserPoolClient", "adminSetUserPassword", "adminDisableUser",
            "adminEnableUser", "adminUserGlobalSignOut", "initiateAuth", "initiateAuthRefresh",
            "respondToAuthChallenge", "getJwks", "getOpenIdConfiguration", "getUser", "globalSignOut",
            "updateUserAttributes", "deleteUserAttributes", "getUserAttributeVerificationCode", "verifyUserAttribute",
            "forgotPassword", "confirmForgotPassword", "changePassword", "adminResetUserPassword",
            "listChangeEvents", "createEventSubscription", "listEventSubscriptions", "describeEventSubscription",
            "deleteEventSubscription", "retryEventSubscription",
            "createUserImportJob", "listUserImportJobs", "getCSVHeader", "describeUserImportJob", "stopUserImportJob",
            "uploadUserImportFile");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private record Op(String method, String path, Map<String, Object> body) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private Map<String, Object> document;
    private List<Op> operations;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void fetch() {
        document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (METHODS.contains(method)) {
                operations.add(new Op(method, path, (Map<String, Object>) op));
            }
        }));
        assertThat(operations).isNotEmpty();
    }

    @Test
    void everyOperationHasAnIdASummaryAndASuccessAnswer() {
        for (Op op : operations) {
            assertThat((String) op.body().get("operationId")).as("operationId of %s", op).isNotBlank();
            assertThat((String) op.body().get("summary")).as("summary of %s", op).isNotBlank();
            assertThat(responses(op).keySet()).as("responses of %s", op).anyMatch(code -> code.startsWith("2"));
        }
    }

    /** Lint (Spectral's operation-description, .ci/openapi-lint) and Swagger UI: each operation says what it does. */
    @Test
    void everyOperationIsDescribedBeyondItsSummary() {
        for (Op op : operations) {
            String description = (String) op.body().get("description");
            assertThat(description).as("description of %s", op).isNotBlank()
                    .isNotEqualTo(op.body().get("summary")).hasSizeGreaterThan(40);
        }
    }

    @Test
    void operationIdsAreUnique() {
        List<Object> ids = operations.stream().map(op -> op.body().get("operationId")).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    /** Operations a browser opens: every answer is an HTML page, refusals included (lifecycle spec 8.4). */
    private static final Set<String> HTML_PAGES = Set.of("confirmSignUpByLink");

    @Test
    @SuppressWarnings("unchecked")
    void everyErrorAnswerIsProblemJson() {
        for (Op op : operations) {
            if (HTML_PAGES.contains(op.body().get("operationId"))) {
                responses(op).forEach((code, response) -> assertThat(
                        (Map<String, Object>) ((Map<String, Object>) response).get("content"))
                        .as("%s answer of %s", code, op).containsOnlyKeys("text/html"));
                continue;
            }
            responses(op).forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).get("content");
                    assertThat(content).as("%s answer of %s", code, op).isNotNull().containsOnlyKeys(
                            "application/problem+json");
                    Map<String, Object> media = (Map<String, Object>) content.get("application/problem+json");
                    Map<String, Object> schema = (Map<String, Object>) media.get("schema");
                    assertThat(schema).as("%s schema of %s", code, op).containsEntry("$ref", PROBLEM_REF);
                }
            });
        }
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        assertThat(schemas).containsKey("Problem");
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminOperationsDeclareTheAdminKey() {
        List<Op> admin = operations.stream()
                .filter(op -> op.path().startsWith("/pools") && !op.path().contains("/.well-known/")
                        && !HTML_PAGES.contains(op.body().get("operationId"))).toList();
        assertThat(admin).isNotEmpty();
        for (Op op : admin) {
            List<Map<String, Object>> security = (List<Map<String, Object>>) op.body().get("security");
            assertThat(security).as("security of %s", op).isNotNull()
                    .anySatisfy(requirement -> assertThat(requirement).containsKey("adminKey"));
            assertThat(responses(op)).as("responses of %s", op).containsKey("401");
        }
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("securitySchemes");
        assertThat(schemes).containsKey("adminKey");
    }

    @Test
    @SuppressWarnings("unchecked")
    void selfServiceOperationsDeclareTheBearerAccessToken() {
        List<Op> self = operations.stream().filter(op -> op.path().startsWith("/me")).toList();
        assertThat(self).hasSizeGreaterThanOrEqualTo(4);
        for (Op op : self) {
            List<Map<String, Object>> security = (List<Map<String, Object>>) op.body().get("security");
            assertThat(security).as("security of %s", op).isNotNull()
                    .anySatisfy(requirement -> assertThat(requirement).containsKey("accessToken"));
            assertThat(responses(op)).as("responses of %s", op).containsKey("401");
        }
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("securitySchemes");
        assertThat((Map<String, Object>) schemes.get("accessToken")).containsEntry("scheme", "bearer")
                .containsEntry("bearerFormat", "JWT");
    }

    /** Issue 14: public operations say security: [] so that generated clients send no credential. */
    @Test
    void publicOperationsDeclareNoSecurity() {
        Set<String> expected = Set.of("initiateAuth", "initiateAuthRefresh", "respondToAuthChallenge", "getJwks",
                "getOpenIdConfiguration", "signUp", "confirmSignUp", "resendConfirmationCode",
                "forgotPassword", "confirmForgotPassword", "uploadUserImportFile", "confirmSignUpByLink");
        List<Op> open = operations.stream().filter(op -> expected.contains(op.body().get("operationId"))).toList();
        assertThat(open).hasSize(expected.size());
        for (Op op : open) {
            assertThat(op.body()).as("security of %s", op).containsEntry("security", List.of());
        }
        for (Op op : operations) {
            assertThat(op.body()).as("security of %s", op).containsKey("security");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentNamesTheService() {
        assertThat((Map<String, Object>) document.get("info")).containsEntry("title", "Userpools")
                .containsEntry("version", "0.1.0")
                .containsEntry("description", "Self-hosted, Amazon-Cognito-compatible user pools")
                .containsEntry("contact", Map.of("name", "Userpools maintainers"));
        assertThat(document).containsEntry("openapi", "3.1.0");
        assertThat((List<Map<String, Object>>) document.get("servers")).as("servers").singleElement()
                .satisfies(server -> {
                    assertThat(server).containsEntry("url", "{scheme}://{host}");
                    Map<String, Map<String, Object>> variables = (Map<String, Map<String, Object>>) server.get("variables");
                    assertThat(variables.get("scheme")).containsEntry("default", "http");
                    assertThat(variables.get("host")).containsEntry("default", "localhost:8080");
                });
    }

    /** YAML by default; JSON for format=json (any case), an Accept naming it, or the .json path. */
    @Test
    void theFormatFollowsThePathTheQueryAndAccept() {
        String yaml = "application/yaml;charset=UTF-8";
        String json = "application/json;charset=UTF-8";
        given().when().get("/q/openapi").then().statusCode(200).contentType(yaml)
                .body(startsWith("---\nopenapi: 3.1.0"));
        given().queryParam("format", "JSON").when().get("/q/openapi").then().statusCode(200).contentType(json);
        given().queryParam("format", "yaml").when().get("/q/openapi").then().statusCode(200).contentType(yaml);
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200).contentType(json);
        given().accept("application/json").when().get("/q/openapi.yaml").then().statusCode(200).contentType(yaml);
        given().when().get("/q/openapi.yml").then().statusCode(200).contentType(yaml);
        given().queryParam("format", "yaml").when().get("/q/openapi.json").then().statusCode(200).contentType(json)
                .body("info.title", equalTo("Userpools"));
        given().when().options("/q/openapi").then().statusCode(404).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void theContractsOperationsArePublished() {
        Set<Object> ids = new HashSet<>(operations.stream().map(op -> op.body().get("operationId")).toList());
        assertThat(ids).containsAll(EXPECTED_OPERATIONS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Op op) {
        Map<String, Object> responses = (Map<String, Object>) op.body().get("responses");
        assertThat(responses).as("responses of %s", op).isNotNull();
        return responses;
    }
}
