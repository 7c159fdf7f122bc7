package io.userpools.client.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.client.ClientService;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.common.error.Problem;
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

@Path("/pools/{poolId}/clients")
@Tag(name = "App clients", description = "App clients of a pool: attribute permissions, auth flows, secrets (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class ClientResource {

    private final ClientService clients;

    public ClientResource(ClientService clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUserPoolClient", summary = "Create an app client; a generated secret is shown once",
            description = "CreateUserPoolClient. The client's read and write attribute lists (Cognito's defaults "
            + "when absent), its auth flows and token validities. A secret, when asked for, is in this "
            + "answer only and sealed at rest.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "client", value = Examples.CREATE_CLIENT)))
    @APIResponse(responseCode = "201", description = "The new client, with clientSecret when one was generated",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new client", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: invalid attribute lists, flows or validities")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<Response> createUserPoolClient(@PathParam("poolId") String poolId,
            @NotNull CreateUserPoolClientRequest request, UriInfo uri) {
        RequestConstraints.valid(request);
        return clients.create(poolId, request.toCommand()).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.client().clientId()).build())
                .entity(ClientView.of(created.client(), created.secret())).build());
    }

    @GET
    @Path("/{clientId}")
    @Operation(operationId = "describeUserPoolClient", summary = "Describe an app client (never its secret)",
            description = "DescribeUserPoolClient. The client's settings; its secret is never shown again.")
    @APIResponse(responseCode = "200", description = "The client",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool or client")
    public Uni<ClientView> describeUserPoolClient(@PathParam("poolId") String poolId,
            @PathParam("clientId") String clientId) {
        return clients.describe(poolId, clientId).map(client -> ClientView.of(client, null));
    }

    @GET
    @Operation(operationId = "listUserPoolClients",
            summary = "List a pool's app clients, in pages (never their secrets)",
            description = "ListUserPoolClients. At most maxResults clients (1-60) per page, in creation order, "
            + "each with its id and name; nextToken, absent on the last page, asks for the next one. "
            + "Tokens are sealed, good for this pool and operation only and for an hour.")
    @APIResponse(responseCode = "200", description = "One page of clients, in creation order",
            content = @Content(schema = @Schema(implementation = ClientListView.class)))
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: bad limit, or a bad, foreign or expired token")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<ClientListView> listUserPoolClients(@PathParam("poolId") String poolId,
            @QueryParam("maxResults") @DefaultValue("60") @Min(1) @Max(60) int maxResults,
            @QueryParam("nextToken") String nextToken) {
        RequestConstraints.range("maxResults", maxResults, 1, 60);
        return clients.list(poolId, maxResults, nextToken).map(page -> new ClientListView(
                page.clients().stream().map(client -> ClientView.of(client, null)).toList(), page.nextToken()));
    }

    @PUT
    @Path("/{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUserPoolClient",
            summary = "Replace an app client's settings; as in Cognito, a setting left out returns to its default",
            description = "UpdateUserPoolClient. Every setting of the create body except the secret; one left out "
            + "returns to its default, the name is kept when left out. The secret is never shown again.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "client", value = Examples.UPDATE_CLIENT)))
    @APIResponse(responseCode = "200", description = "The client as it now is (never its secret)",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: invalid attribute lists, flows or validities")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool or client")
    public Uni<ClientView> updateUserPoolClient(@PathParam("poolId") String poolId,
            @PathParam("clientId") String clientId, @NotNull UpdateUserPoolClientRequest request) {
        RequestConstraints.valid(request);
        return clients.update(poolId, clientId, request.toCommand()).map(client -> ClientView.of(client, null));
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(operationId = "deleteUserPoolClient",
            summary = "Delete an app client; the sessions and tokens issued through it stop working",
            description = "DeleteUserPoolClient. The client's sessions are revoked in the same transaction, so its "
            + "refresh and access tokens are refused from then on.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool or client")
    public Uni<Response> deleteUserPoolClient(@PathParam("poolId") String poolId,
            @PathParam("clientId") String clientId) {
        return clients.delete(poolId, clientId).replaceWith(Response.noContent().build());
    }
}
