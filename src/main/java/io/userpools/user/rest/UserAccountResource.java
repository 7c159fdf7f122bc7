package io.userpools.user.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.user.UserAccountService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/users")
@Tag(name = "User accounts", description = "Passwords, enable/disable and sign-out of a user (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class UserAccountResource {

    private final UserAccountService accounts;

    public UserAccountResource(UserAccountService accounts) {
        this.accounts = accounts;
    }

    @PUT
    @Path("/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminSetUserPassword", summary = "Set a user's password, permanent or temporary",
            description = "AdminSetUserPassword. The password must meet the pool's policy and is stored only as a "
            + "bcrypt hash; permanent makes the user CONFIRMED, temporary FORCE_CHANGE_PASSWORD (the "
            + "next sign-in gets the NEW_PASSWORD_REQUIRED challenge).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "password", value = Examples.SET_PASSWORD)))
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Set; status CONFIRMED (permanent) or FORCE_CHANGE_PASSWORD")
    @APIResponse(responseCode = "400", description = "InvalidPasswordException, "
            + "PasswordHistoryPolicyViolationException (one of the last passwordHistorySize) or InvalidParameterException")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminSetUserPassword(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username,
            @NotNull AdminSetUserPasswordRequest request) {
        RequestConstraints.length("username", username, 1, 128);
        RequestConstraints.valid(request);
        return accounts.setPassword(poolId, username, request.password(), Boolean.TRUE.equals(request.permanent()))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{username}/disable")
    @Operation(operationId = "adminDisableUser", summary = "Disable a user and revoke all its tokens",
            description = "AdminDisableUser. The user can no longer sign in, and every session it has is revoked.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Disabled")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminDisableUser(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username) {
        RequestConstraints.length("username", username, 1, 128);
        return accounts.disable(poolId, username).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{username}/enable")
    @Operation(operationId = "adminEnableUser", summary = "Enable a disabled user",
            description = "AdminEnableUser. The user can sign in again; tokens revoked by the disable stay revoked.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Enabled")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminEnableUser(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username) {
        RequestConstraints.length("username", username, 1, 128);
        return accounts.enable(poolId, username).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{username}/global-sign-out")
    @Operation(operationId = "adminUserGlobalSignOut",
            summary = "Revoke every refresh token and access token of a user",
            description = "AdminUserGlobalSignOut. Revokes every refresh token of the user and every access token "
            + "issued before now, at once on every replica.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Signed out everywhere")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminUserGlobalSignOut(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username) {
        RequestConstraints.length("username", username, 1, 128);
        return accounts.globalSignOut(poolId, username).replaceWith(Response.noContent().build());
    }
}
