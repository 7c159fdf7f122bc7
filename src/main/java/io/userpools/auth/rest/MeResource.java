package io.userpools.auth.rest;

import io.userpools.common.error.Problem;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.SelfCaller;
import io.userpools.auth.SignOutService;
import io.userpools.user.UserService;
import io.userpools.user.rest.UserView;
import io.userpools.ratelimit.PoolFromCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me")
@Tag(name = "Self-service", description = "The signed-in user, with an access token")
@SecurityRequirement(name = "accessToken")
@Produces(MediaType.APPLICATION_JSON)
@PoolFromCaller
@HttpAuthenticationMechanism(Callers.ACCESS_TOKEN)
@RolesAllowed(Callers.USER)
public class MeResource {

    private final SelfCaller caller;
    private final SignOutService signOut;
    private final UserService users;

    public MeResource(SelfCaller caller, SignOutService signOut, UserService users) {
        this.caller = caller;
        this.signOut = signOut;
        this.users = users;
    }

    @GET
    @Operation(operationId = "getUser", summary = "The signed-in user, with the attributes its client may read",
            description = "GetUser. The user of the access token, with only the attributes its app client may read.")
    @APIResponse(responseCode = "200", description = "The user, readable attributes only",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "PasswordResetRequiredException or UserNotConfirmedException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token, "
            + "missing scope, disabled user")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    @HttpAuthenticationMechanism(Callers.SIGNED_TOKEN)
    public Uni<UserView> getUser() {
        return caller.guarded((token, access) -> users.self(access)
                .map(user -> SelfUserView.of(user, token.client().permissions())));
    }

    @POST
    @Path("/global-sign-out")
    @Operation(operationId = "globalSignOut",
            summary = "Revoke every refresh token and every access token issued so far",
            description = "GlobalSignOut. Revokes every refresh token of the access token's user and every access "
            + "token issued before now, this one included.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Signed out everywhere")
    @APIResponse(responseCode = "400", description = "PasswordResetRequiredException or UserNotConfirmedException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    public Uni<Response> globalSignOut() {
        return caller.context().flatMap(ctx -> signOut.signOut(ctx.pool().id(), ctx.user().sub()))
                .replaceWith(Response.noContent().build());
    }
}
