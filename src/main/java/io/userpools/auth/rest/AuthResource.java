package io.userpools.auth.rest;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.NewPasswordChallengeService;
import io.userpools.auth.SignInService;
import io.userpools.common.validation.RequestConstraints;
import jakarta.validation.constraints.NotNull;
import io.userpools.ratelimit.PoolFromCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/auth")
@Tag(name = "Sign-in", description = "Public sign-in: passwords, refresh tokens, challenges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PoolFromCaller
@PermitAll
public class AuthResource {

    private final SignInService signIn;
    private final NewPasswordChallengeService newPassword;

    public AuthResource(SignInService signIn, NewPasswordChallengeService newPassword) {
        this.signIn = signIn;
        this.newPassword = newPassword;
    }

    @POST
    @Path("/sign-in")
    @Operation(operationId = "initiateAuth",
            summary = "Sign in with username (or alias) and password (USER_PASSWORD_AUTH)",
            description = "InitiateAuth with USER_PASSWORD_AUTH, public. Checks in Cognito's order (client, secret "
            + "hash, user, password, status); answers tokens, or the NEW_PASSWORD_REQUIRED challenge "
            + "for a temporary password. Repeated wrong passwords lock the user out for a while "
            + "(Retry-After).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "password", value = Examples.SIGN_IN)))
    @APIResponse(responseCode = "200", description = "Tokens, or the NEW_PASSWORD_REQUIRED challenge with a session",
            content = @Content(schema = @Schema(implementation = AuthenticationResponse.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException (flow not enabled), "
            + "UserNotConfirmedException, PasswordResetRequiredException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: wrong password, disabled user, "
            + "bad secret hash, or 'Password attempts exceeded' (with Retry-After) while the user is locked out "
            + "after repeated wrong passwords",
            headers = @Header(name = "Retry-After", ref = "Retry-After"))
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException (client) or UserNotFoundException")
    public Uni<AuthenticationResponse> initiateAuth(@NotNull SignInRequest request) {
        RequestConstraints.valid(request);
        return signIn.signIn(request.toCommand()).map(AuthenticationResponse::of);
    }

    @POST
    @Path("/refresh")
    @Operation(operationId = "initiateAuthRefresh",
            summary = "New access and ID tokens for a refresh token (REFRESH_TOKEN_AUTH)",
            description = "InitiateAuth with REFRESH_TOKEN_AUTH, public. New access and ID tokens for a refresh "
            + "token that is neither expired nor revoked.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "refresh", value = Examples.REFRESH)))
    @APIResponse(responseCode = "200", description = "Access and ID tokens",
            content = @Content(schema = @Schema(implementation = AuthenticationResponse.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: flow not enabled")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, revoked or expired refresh token")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such client")
    public Uni<AuthenticationResponse> initiateAuthRefresh(@NotNull RefreshRequest request) {
        RequestConstraints.valid(request);
        return signIn.refresh(request.toCommand()).map(AuthenticationResponse::of);
    }

    @POST
    @Path("/respond-to-challenge")
    @Operation(operationId = "respondToAuthChallenge", summary = "Answer NEW_PASSWORD_REQUIRED with a new password",
            description = "RespondToAuthChallenge, public. Answers NEW_PASSWORD_REQUIRED with the session of the "
            + "sign-in and a new password that meets the pool's policy; answers the tokens.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "newPassword", value = Examples.NEW_PASSWORD)))
    @APIResponse(responseCode = "200", description = "Tokens",
            content = @Content(schema = @Schema(implementation = AuthenticationResponse.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException, InvalidPasswordException or "
            + "PasswordHistoryPolicyViolationException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid or expired session")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such client")
    public Uni<AuthenticationResponse> respondToAuthChallenge(@NotNull RespondToAuthChallengeRequest request) {
        RequestConstraints.valid(request);
        return newPassword.respond(request.toCommand()).map(AuthenticationResponse::of);
    }
}
