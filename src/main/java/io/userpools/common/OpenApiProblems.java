package io.userpools.common;

import io.userpools.common.error.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives every error response of every operation the problem+json schema, and adds the answers
 * that any operation can give (401 on protected paths, 413/415 on bodies, 429, 500, 503).
 * Runs once, at build, in smallrye-open-api-maven-plugin (pom.xml): the document is static, and
 * the service only serves the file the plugin wrote (OpenApiDocument).
 */
public class OpenApiProblems implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/" + Problem.class.getSimpleName();

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            addIfAbsent(responses, "401", "NotAuthorizedException: missing, bad, expired or revoked credential");
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "InvalidParameterException: malformed or invalid input");
            addIfAbsent(responses, "413", "InvalidParameterException: request body too large");
            addIfAbsent(responses, "415", "InvalidParameterException: not application/json");
        }
        addIfAbsent(responses, "429", "TooManyRequestsException: rate exceeded (Retry-After)");
        addIfAbsent(responses, "500", "InternalErrorException: a bug on our side");
        addIfAbsent(responses, "503", "ServiceUnavailableException: the database is unreachable (Retry-After)");
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                entry.getValue().setContent(problemContent());
            }
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        var components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme("adminKey", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An admin access secret from USERPOOLS_ADMIN_KEYS"));
        components.addSecurityScheme("accessToken", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token issued by this service"));
        if (components.getSchemas() == null || !components.getSchemas().containsKey(Problem.class.getSimpleName())) {
            components.addSchema(Problem.class.getSimpleName(), problemSchema());
        }
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", text()).addProperty("message", text());
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; code is the Cognito exception name")
                .addProperty("type", text()).addProperty("title", text())
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", text()).addProperty("code", text()).addProperty("requestId", text())
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(violation))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema text() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
