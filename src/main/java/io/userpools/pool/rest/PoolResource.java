package io.userpools.pool.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.PoolService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools")
@Tag(name = "Pools", description = "User pools and their attribute schema (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class PoolResource {

    private final PoolService pools;

    public PoolResource(PoolService pools) {
        this.pools = pools;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUserPool", summary = "Create a user pool with its schema and settings",
            description = "CreateUserPool. The schema holds Cognito's 20 standard attributes plus the custom ones "
            + "given (named custom:<name> from then on); the pool's username or alias attributes, "
            + "auto-verified attributes, verification before update, username case sensitivity, "
            + "password policy, token validities, messaging and webhook triggers are set here. Answers "
            + "the pool with its id.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "pool", value = Examples.CREATE_POOL)))
    @APIResponse(responseCode = "201", description = "The new pool",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new pool", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(schema = @Schema(implementation = PoolView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: invalid schema or settings")
    public Uni<Response> createUserPool(@NotNull CreateUserPoolRequest request, UriInfo uri) {
        RequestConstraints.valid(request);
        return pools.create(request.toCommand()).map(pool -> Response
                .created(uri.getAbsolutePathBuilder().path(pool.id()).build())
                .entity(PoolView.of(pool)).build());
    }

    @GET
    @Operation(operationId = "listUserPools", summary = "List the pools, in pages",
            description = "ListUserPools. At most maxResults pools (1-60) per page; nextToken, absent on the last "
            + "page, asks for the next one. Tokens are sealed, good for this operation only and for an "
            + "hour.")
    @APIResponse(responseCode = "200", description = "One page of pools")
    @APIResponse(responseCode = "400", description = "InvalidParameterException: bad limit, or a bad or expired token")
    public Uni<PoolListView> listUserPools(
            @QueryParam("maxResults") @DefaultValue("60") @Min(1) @Max(60) int maxResults,
            @QueryParam("nextToken") String nextToken) {
        RequestConstraints.range("maxResults", maxResults, 1, 60);
        return pools.list(maxResults, nextToken)
                .map(page -> new PoolListView(page.pools().stream().map(PoolView::of).toList(), page.nextToken()));
    }

    @GET
    @Path("/{poolId}")
    @Operation(operationId = "describeUserPool", summary = "Describe a pool, with its full schema",
            description = "DescribeUserPool. The pool's settings and its full schema, standard and custom "
            + "attributes.")
    @APIResponse(responseCode = "200", description = "The pool")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<PoolView> describeUserPool(@PathParam("poolId") String poolId) {
        return pools.get(poolId).map(PoolView::of);
    }

    @PUT
    @Path("/{poolId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUserPool",
            summary = "Replace a pool's settings; a setting left out returns to its default, as in Cognito",
            description = "UpdateUserPool. Every setting of the create body except the name and the schema; one "
            + "left out returns to its default. Username and alias attributes and username case "
            + "sensitivity cannot change. The next request, on this replica at once, sees the update.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "settings", value = Examples.UPDATE_POOL)))
    @APIResponse(responseCode = "200", description = "The updated pool")
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: invalid settings, or a setting that cannot change after creation")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<PoolView> updateUserPool(@PathParam("poolId") String poolId, @NotNull UpdateUserPoolRequest request) {
        RequestConstraints.valid(request);
        return pools.update(poolId, request.toCommand()).map(PoolView::of);
    }

    @POST
    @Path("/{poolId}/schema")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addCustomAttributes", summary = "Add custom attributes to a pool's schema",
            description = "AddCustomAttributes. 1 to 25 attributes per call, named without their custom: prefix, "
            + "at most 50 custom attributes in all; all or nothing.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "attributes",
            value = Examples.ADD_CUSTOM_ATTRIBUTES)))
    @APIResponse(responseCode = "200", description = "The pool with its new schema")
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: a name the pool has, a broken constraint, or over 50 in all")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<PoolView> addCustomAttributes(@PathParam("poolId") String poolId,
            @NotNull AddCustomAttributesRequest request) {
        RequestConstraints.valid(request);
        return pools.addCustomAttributes(poolId, request.toAttributes()).map(PoolView::of);
    }

    @DELETE
    @Path("/{poolId}")
    @Operation(operationId = "deleteUserPool", summary = "Delete a pool with all its users and clients",
            description = "DeleteUserPool. Deletes the pool with all its users, app clients and codes.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<Response> deleteUserPool(@PathParam("poolId") String poolId) {
        return pools.delete(poolId).replaceWith(Response.noContent().build());
    }
}
