package io.userpools.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.common.RequestIds;
import io.userpools.history.Provenances;
import io.userpools.common.RequestLog;
import io.userpools.ratelimit.PoolFromCaller;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Cognito's own wire protocol (AWS JSON 1.1): {@code POST /} with
 * {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>}, so that unmodified AWS SDKs
 * and the AWS CLI work with an endpoint override. A thin translation onto the same domain services
 * as the REST facade ({@link AwsOperations}); hidden from the OpenAPI document, since AWS documents
 * this protocol.
 *
 * <p><b>Who may call.</b> One path carries operations that Cognito signs (Admin*, pool and client
 * operations, ListUsers) and operations it leaves unsigned (InitiateAuth, GetUser,
 * UpdateUserAttributes, ...), which authenticate by the {@code AccessToken} in the body. No Quarkus
 * mechanism can tell them apart before the body is read, and the signature covers the body's hash,
 * so the route is {@code @PermitAll} and the decision is made here, per operation, from one table:
 * every operation in {@link AwsOperations} is declared either {@code SIGNED} (the dispatcher
 * verifies SigV4 with {@link SigV4Verifier} over the exact body bytes before the operation runs) or
 * {@code ACCESS_TOKEN} (the operation verifies the body's token like {@code /me}). There is no third
 * kind, and a target not in the table never reaches a service, so the endpoint stays closed unless
 * an operation is declared.
 */
@Path("/")
@PermitAll
@PoolFromCaller // limited per operation and pool by AwsOperations once the pool is known
public class AwsResource {

    static final String MEDIA_TYPE = "application/x-amz-json-1.1";
    static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    static final String REQUEST_ID = "x-amzn-RequestId";

    private final AwsOperations operations;
    private final SigV4Verifier signatures;
    private final ObjectMapper json;

    public AwsResource(AwsOperations operations, SigV4Verifier signatures, ObjectMapper json) {
        this.operations = operations;
        this.signatures = signatures;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> call(@HeaderParam("X-Amz-Target") String target, byte[] body, RoutingContext rc) {
        String requestId = RequestIds.of(rc.request());
        try {
            AwsOperations.Op op = operation(target);
            RequestLog.name(rc, camel(op.name()), null);
            if (op.access() == AwsOperations.Access.SIGNED) {
                String keyId = signatures.verify(rc.request(), body == null ? new byte[0] : body);
                Provenances.signedBy(rc, keyId);
                rc.put(AwsCalls.KEY_ID, keyId);
            }
            JsonNode input = parse(body);
            return op.handler().apply(new AwsOperations.Call(op.name(), new AwsInput(input), rc))
                    .map(out -> answer(Response.ok(), out, json, requestId).build())
                    .onFailure().recoverWithItem(e -> AwsErrors.of(e, json, requestId));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(AwsErrors.of(e, json, requestId));
        }
    }

    /**
     * JAX-RS lets a resource at {@code /} claim every path as a prefix: without these, OPTIONS on
     * any unknown path would answer 200 and other methods 405. Paths that no route defines stay
     * 404 ResourceNotFoundException, as before this endpoint existed.
     */
    @GET
    @Path("{any: .+}")
    @Operation(hidden = true)
    public Response getElsewhere() {
        throw new NotFoundException();
    }

    @PUT
    @Path("{any: .+}")
    @Operation(hidden = true)
    public Response putElsewhere() {
        throw new NotFoundException();
    }

    @DELETE
    @Path("{any: .+}")
    @Operation(hidden = true)
    public Response deleteElsewhere() {
        throw new NotFoundException();
    }

    @PATCH
    @Path("{any: .+}")
    @Operation(hidden = true)
    public Response patchElsewhere() {
        throw new NotFoundException();
    }

    @OPTIONS
    @Path("{any: .+}")
    @Operation(hidden = true)
    public Response optionsElsewhere() {
        throw new NotFoundException();
    }

    @POST
    @Path("{any: .+}")
    @Operation(hidden = true)
    public Response postElsewhere() {
        throw new NotFoundException();
    }

    private AwsOperations.Op operation(String target) {
        if (target == null || target.isBlank()) {
            throw new AwsProtocolException("UnknownOperationException", "Missing X-Amz-Target header");
        }
        String name = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        AwsOperations.Op op = name == null ? null : operations.find(name);
        if (op != null) {
            return op;
        }
        if (name != null && AwsOperations.MODEL.contains(name)) {
            throw new AwsProtocolException("UnsupportedOperationException",
                    "Userpools does not implement " + name + " on the AWS protocol yet");
        }
        throw new AwsProtocolException("UnknownOperationException",
                "X-Amz-Target names no operation: it must be " + TARGET_PREFIX + "<Operation>");
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw AwsProtocolException.serialization("The request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw AwsProtocolException.serialization("The request body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw AwsProtocolException.serialization("The request body must be a JSON object");
        }
        return node;
    }

    /** An answer of this protocol: its media type, the request id, the body as bytes. */
    static Response.ResponseBuilder answer(Response.ResponseBuilder builder, ObjectNode body, ObjectMapper json,
            String requestId) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        return builder.entity(bytes).type(MEDIA_TYPE).header(REQUEST_ID, requestId);
    }

    /** The operationId of the REST facade (and the metrics and quotas): the name in camelCase. */
    static String camel(String operation) {
        return operation.substring(0, 1).toLowerCase(Locale.ROOT) + operation.substring(1);
    }
}
