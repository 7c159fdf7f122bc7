package io.userpools.signup.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.signup.ConfirmSignUpService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** AdminConfirmSignUp (lifecycle 3.4). */
@Path("/pools/{poolId}/users")
@Tag(name = "User accounts", description = "Passwords, enable/disable and sign-out of a user (admin)")
@SecurityRequirement(name = "adminKey")
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class AdminConfirmSignUpResource {

    private final ConfirmSignUpService confirmation;

    public AdminConfirmSignUpResource(ConfirmSignUpService confirmation) {
        this.confirmation = confirmation;
    }

    @POST
    @Path("/{username}/confirm")
    @Operation(operationId = "adminConfirmSignUp", summary = "Confirm an UNCONFIRMED user without a code; "
            + "no attribute becomes verified",
            description = "AdminConfirmSignUp. The user becomes CONFIRMED; any live sign-up code is dropped. "
            + "Works while the pool allows only administrators to create users.")
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Confirmed")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: the user is not UNCONFIRMED")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    public Uni<Response> adminConfirmSignUp(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username) {
        RequestConstraints.length("username", username, 1, 128);
        return confirmation.adminConfirm(poolId, username).replaceWith(Response.noContent().build());
    }
}
