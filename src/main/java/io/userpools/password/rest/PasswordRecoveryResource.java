package io.userpools.password.rest;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.password.PasswordRecoveryService;
import io.userpools.ratelimit.PoolFromCaller;
import io.userpools.verification.rest.CodeDeliveryView;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public password recovery by app client: ForgotPassword and ConfirmForgotPassword (lifecycle spec 4.1, 4.2). */
@Path("/auth")
@Tag(name = "Password recovery", description = "Public: a reset code by email or SMS, then a new password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PoolFromCaller
@PermitAll
public class PasswordRecoveryResource {

    private final PasswordRecoveryService recovery;

    public PasswordRecoveryResource(PasswordRecoveryService recovery) {
        this.recovery = recovery;
    }

    @POST
    @Path("/forgot-password")
    @Operation(operationId = "forgotPassword",
            summary = "Send a password reset code to the user's verified phone number, else verified email",
            description = "ForgotPassword. Public. A six-digit code, valid for an hour, through the custom message "
            + "trigger (CustomMessage_ForgotPassword) and the outbox; the user's status is unchanged.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "forgot", value = Examples.FORGOT_PASSWORD)))
    @APIResponse(responseCode = "200", description = "Where the code went (masked); simulated for a client that "
            + "hides user existence when no code could be sent",
            content = @Content(schema = @Schema(implementation = CodeDeliveryView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException (no verified email or phone "
            + "number), UserLambdaValidationException, InvalidEmailRoleAccessPolicyException, "
            + "InvalidSmsRoleAccessPolicyException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: missing or wrong secret hash, "
            + "disabled user, or a user whose password cannot be reset in its state (FORCE_CHANGE_PASSWORD)")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException (client) or UserNotFoundException")
    @APIResponse(responseCode = "429", description = "LimitExceededException (10 resets and confirmations per user "
            + "and hour) or TooManyRequestsException (the pool's rate limit)",
            headers = @Header(name = "Retry-After", ref = "Retry-After"))
    @APIResponse(responseCode = "502", description = "UnexpectedLambdaException or InvalidLambdaResponseException")
    public Uni<CodeDeliveryView> forgotPassword(@NotNull ForgotPasswordRequest request) {
        RequestConstraints.valid(request);
        return recovery.forgotPassword(request.toCommand()).map(CodeDeliveryView::new);
    }

    @POST
    @Path("/confirm-forgot-password")
    @Operation(operationId = "confirmForgotPassword", summary = "Set a new password with the reset code",
            description = "ConfirmForgotPassword. Public. The code and a new password under the pool's policy; the "
            + "user becomes CONFIRMED.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "confirm",
            value = Examples.CONFIRM_FORGOT_PASSWORD)))
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Password set; status CONFIRMED; sessions kept")
    @APIResponse(responseCode = "400", description = "InvalidParameterException, InvalidPasswordException, "
            + "PasswordHistoryPolicyViolationException, CodeMismatchException (the fifth wrong try burns the code), ExpiredCodeException (no code, a used, "
            + "burned or expired one)")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: missing or wrong secret hash, "
            + "disabled user")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException (client) or UserNotFoundException")
    @APIResponse(responseCode = "429", description = "LimitExceededException (10 resets and confirmations per user "
            + "and hour) or TooManyRequestsException (the pool's rate limit)",
            headers = @Header(name = "Retry-After", ref = "Retry-After"))
    public Uni<Response> confirmForgotPassword(@NotNull ConfirmForgotPasswordRequest request) {
        RequestConstraints.valid(request);
        return recovery.confirmForgotPassword(request.toCommand()).replaceWith(Response.noContent().build());
    }
}
