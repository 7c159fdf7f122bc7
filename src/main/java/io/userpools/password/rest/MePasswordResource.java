package io.userpools.password.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.auth.SelfCaller;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.password.PasswordChangeService;
import io.userpools.ratelimit.PoolFromCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** ChangePassword for the signed-in user (lifecycle spec 4.3). */
@Path("/me/password")
@Tag(name = "Self-service", description = "The signed-in user, with an access token")
@SecurityRequirement(name = "accessToken")
@PoolFromCaller
@HttpAuthenticationMechanism(Callers.ACCESS_TOKEN)
@RolesAllowed(Callers.USER)
public class MePasswordResource {

    private final SelfCaller caller;
    private final PasswordChangeService passwords;

    public MePasswordResource(SelfCaller caller, PasswordChangeService passwords) {
        this.caller = caller;
        this.passwords = passwords;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "changePassword", summary = "Change the signed-in user's password",
            description = "ChangePassword. With the access token: the previous password, then the new one under the "
            + "pool's policy; at most five calls per user and hour.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "change", value = Examples.CHANGE_PASSWORD)))
    @APIResponse(responseCode = "204", description = "Changed; sessions kept")
    @APIResponse(responseCode = "400", description = "InvalidParameterException (no previousPassword), "
            + "InvalidPasswordException, PasswordHistoryPolicyViolationException, PasswordResetRequiredException, "
            + "UserNotConfirmedException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token, "
            + "a wrong previous password (counted as a failed sign-in), or Password attempts exceeded while locked out")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    @APIResponse(responseCode = "429", description = "LimitExceededException (5 calls per user and hour) or "
            + "TooManyRequestsException (the pool's rate limit)",
            headers = @Header(name = "Retry-After", ref = "Retry-After"))
    public Uni<Response> changePassword(@NotNull ChangePasswordRequest request) {
        RequestConstraints.valid(request);
        return caller.context().flatMap(ctx -> passwords.changePassword(ctx.pool(), ctx.client().clientId(), ctx.user().sub(),
                        ctx.originJti(), request.previousPassword(), request.proposedPassword()))
                .replaceWith(Response.noContent().build());
    }
}
