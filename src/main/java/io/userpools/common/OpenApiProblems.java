package io.userpools.common;

import io.userpools.common.error.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives every error response of every operation the problem+json schema (but those declared as an
 * HTML page, which the confirmation link answers to a browser), and adds the answers
 * that any operation can give (401 on protected paths, 413/415 on bodies, 429, 500, 503), with
 * the headers every answer carries ({@code X-Request-Id}; {@code Retry-After} on 429 and 503).
 * So that generated clients work unmodified (issue 14) it also: says {@code security: []} on the
 * public operations, names a server, writes patterns in a portable form ({@link PortablePatterns}),
 * and lets attribute maps marked {@value #NULL_DELETES} hold {@code null}.
 * Runs once, at build, in smallrye-open-api-maven-plugin (pom.xml): the document is static, and
 * the service only serves the file the plugin wrote (OpenApiDocument).
 */
public class OpenApiProblems implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/" + Problem.class.getSimpleName();
    /**
     * The extension that marks a map of attribute values in which {@code null} deletes the
     * attribute: its values are typed {@code [string, null]} and the mark is removed.
     */
    public static final String NULL_DELETES = "x-null-deletes";
    static final String REQUEST_ID = RequestIds.HEADER;
    static final String RETRY_AFTER = "Retry-After";
    /** The server, with the deployment's scheme and host as variables (lint: no fixed localhost URL). */
    static final String SERVER_URL = "{scheme}://{host}";
    /** Where the service listens in dev mode: the default of the server's host. */
    static final String DEV_HOST = "localhost:8080";

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            addIfAbsent(responses, "401", "NotAuthorizedException: missing, bad, expired or revoked credential");
        } else {
            // public: say so, so that no client sends a credential the route does not take
            operation.setSecurity(new ArrayList<>());
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
            APIResponse response = entry.getValue();
            if ((entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) && !isPage(response)) {
                response.setContent(problemContent());
            }
            if (entry.getKey().equals("429") || entry.getKey().equals("503")) {
                addHeader(response, RETRY_AFTER);
            }
            addHeader(response, REQUEST_ID);
        }
        return operation;
    }

    /** An answer declared as an HTML page (the confirmation link's, for a browser): left as declared. */
    private static boolean isPage(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaTypes() != null
                && response.getContent().getMediaTypes().containsKey("text/html");
    }

    @Override
    public Schema filterSchema(Schema schema) {
        PortablePatterns.apply(schema);
        if (schema.getExtensions() != null && schema.getExtensions().containsKey(NULL_DELETES)) {
            schema.removeExtension(NULL_DELETES);
            schema.additionalPropertiesSchema(OASFactory.createSchema()
                    .type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL))
                    .description("The new value; \"\" or null deletes the attribute"));
        }
        return schema;
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
        components.addHeader(REQUEST_ID, OASFactory.createHeader()
                .description("The request's id: the caller's when it sent a sane one, else a new one; "
                        + "also the requestId of a problem")
                .schema(text()));
        components.addHeader(RETRY_AFTER, OASFactory.createHeader()
                .description("Whole seconds to wait before trying again")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).minimum(BigDecimal.ONE)));
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                    .forEach(operation -> pathParametersInPathOrder(path, operation)));
        }
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url(SERVER_URL)
                    .description("A deployment of Userpools; the defaults are dev mode's")
                    .addVariable("scheme", OASFactory.createServerVariable().defaultValue("http")
                            .enumeration(List.of("http", "https")))
                    .addVariable("host", OASFactory.createServerVariable().defaultValue(DEV_HOST)
                            .description("Host and port of the deployment")));
        }
    }

    /** Generated methods take the parameters in the document's order: the path's first. */
    private static void pathParametersInPathOrder(String path, Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters == null || parameters.size() < 2) {
            return;
        }
        List<Parameter> ordered = new ArrayList<>(parameters);
        ordered.sort(Comparator.comparingInt(p -> p.getIn() == Parameter.In.PATH
                ? path.indexOf("{" + p.getName() + "}") : Integer.MAX_VALUE));
        operation.setParameters(ordered);
    }

    private static void addHeader(APIResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().ref("#/components/headers/" + name));
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
