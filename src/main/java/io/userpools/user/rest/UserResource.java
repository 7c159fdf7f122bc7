package io.userpools.user.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.user.UserListing;
import io.userpools.user.UserService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/users")
@Tag(name = "Users", description = "Users of a pool (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class UserResource {

    private final UserService users;
    private final UserListing listing;

    public UserResource(UserService users, UserListing listing) {
        this.users = users;
        this.listing = listing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminCreateUser",
            summary = "Create a user with a temporary password and invite them, or invite again (RESEND)",
            description = "AdminCreateUser. Checks the username and attributes against the pool's schema and rules "
            + "(username or alias attributes, uniqueness); a temporary password (generated to the pool's "
            + "policy when none is given) leaves the user in FORCE_CHANGE_PASSWORD. The invitation goes "
            + "by the desired media through the custom message trigger, unless messageAction is SUPPRESS; "
            + "RESEND sends a new temporary password to an existing user. Answers the user, with its "
            + "location.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "user", value = Examples.CREATE_USER)))
    @APIResponse(responseCode = "201", description = "The new user, in FORCE_CHANGE_PASSWORD",
            headers = {@Header(name = HttpHeaders.LOCATION, description = "The new user", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = HttpHeaders.ETAG, description = "The user's version, for If-Match",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException (bad username or attributes, "
            + "a desired delivery medium without its attribute, a trigger text without {username} or {####}), "
            + "InvalidPasswordException; UserLambdaValidationException: the custom message trigger vetoed; "
            + "InvalidEmailRoleAccessPolicyException / InvalidSmsRoleAccessPolicyException: no channel")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool; "
            + "UserNotFoundException: RESEND for an unknown user")
    @APIResponse(responseCode = "409", description = "UsernameExistsException or AliasExistsException; "
            + "UnsupportedUserStateException: RESEND for a user not in FORCE_CHANGE_PASSWORD")
    @APIResponse(responseCode = "502", description = "UnexpectedLambdaException (no answer in time) or "
            + "InvalidLambdaResponseException (unusable answer) from the custom message trigger")
    public Uni<Response> adminCreateUser(@PathParam("poolId") String poolId,
            @NotNull AdminCreateUserRequest request, UriInfo uri) {
        RequestConstraints.valid(request);
        return users.create(poolId, request.toCommand()).map(user -> Response
                .created(UriBuilder.fromUri(uri.getAbsolutePath()).path("{username}").build(user.username()))
                .header(HttpHeaders.ETAG, UserView.etag(user))
                .entity(UserView.of(user)).build());
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users, optionally filtered, a page at a time",
            description = "ListUsers. filter is Cognito's `attribute = \"value\"` or `attribute ^= \"prefix\"` on "
            + "the searchable attributes; users come in a stable order, limit (1-60) per page, and "
            + "paginationToken, absent on the last page, asks for the next one.")
    @APIResponse(responseCode = "200", description = "One page of users; paginationToken is absent on the last page",
            content = @Content(schema = @Schema(implementation = UserListView.class)))
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: bad filter or limit, or a bad or expired token")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<UserListView> listUsers(@PathParam("poolId") String poolId,
            @Parameter(description = "<attribute> = \"value\" or <attribute> ^= \"prefix\"",
                    example = Examples.FILTER) @QueryParam("filter") String filter,
            // read as text so that a bad value gets Cognito's own words (UserListing)
            @Parameter(description = "0 to 60; 0 or absent means 60",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "60"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The previous page's paginationToken; valid for one hour")
            @QueryParam("paginationToken") String paginationToken) {
        return listing.list(poolId, filter, limit, paginationToken).map(UserListView::of);
    }

    @GET
    @Path("/{username}")
    @Operation(operationId = "adminGetUser", summary = "Get a user by username, sub or alias",
            description = "AdminGetUser. Finds the user by username, sub or alias. The ETag header is the user's "
            + "version, for If-Match on later writes.")
    @APIResponse(responseCode = "200", description = "The user, with its version as ETag",
            headers = @Header(name = HttpHeaders.ETAG, description = "The user's version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminGetUser(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username) {
        RequestConstraints.length("username", username, 1, 128);
        return users.get(poolId, username).map(user -> Response.ok(UserView.of(user))
                .header(HttpHeaders.ETAG, UserView.etag(user)).build());
    }

    @DELETE
    @Path("/{username}")
    @Operation(operationId = "adminDeleteUser", summary = "Delete a user",
            description = "AdminDeleteUser. Deletes the user; its username and aliases are free again.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminDeleteUser(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username) {
        RequestConstraints.length("username", username, 1, 128);
        return users.delete(poolId, username).replaceWith(Response.noContent().build());
    }
}
