package io.userpools.signup.rest;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.ratelimit.PoolFromCaller;
import io.userpools.signup.ConfirmSignUpService;
import io.userpools.signup.ResendConfirmationCodeService;
import io.userpools.signup.SignUpService;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public sign-up and confirmation by app client (lifecycle 3.1-3.3). */
@Path("/auth")
@Tag(name = "Sign-up", description = "Public sign-up and confirmation of new users, by app client")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PoolFromCaller
@PermitAll
public class SignUpResource {

    private static final String MESSAGING_ERRORS = "UserLambdaValidationException, UnexpectedLambdaException, "
            + "InvalidLambdaResponseException, InvalidEmailRoleAccessPolicyException, "
            + "InvalidSmsRoleAccessPolicyException";

    private final SignUpService signUp;
    private final ConfirmSignUpService confirmation;
    private final ResendConfirmationCodeService resend;

    public SignUpResource(SignUpService signUp, ConfirmSignUpService confirmation,
            ResendConfirmationCodeService resend) {
        this.signUp = signUp;
        this.confirmation = confirmation;
        this.resend = resend;
    }

    @POST
    @Path("/sign-up")
    @Operation(operationId = "signUp", summary = "Sign up a new user (UNCONFIRMED); a code goes to the first "
            + "auto-verified attribute it has, phone before email",
            description = "SignUp. Public: the app client (and its secret hash) names the pool. Checks the username "
            + "form, the password policy and the attributes within the client's write list; the code "
            + "goes through the custom message trigger (CustomMessage_SignUp) and the outbox.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "signUp", value = Examples.SIGN_UP)))
    @APIResponse(responseCode = "200", description = "The new user's sub, and where the code went when one was sent",
            content = @Content(schema = @Schema(implementation = SignUpView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException (username form, attributes, "
            + "missing password), InvalidPasswordException, " + MESSAGING_ERRORS)
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: missing or wrong secret hash")
    @APIResponse(responseCode = "403", description = "NotAuthorizedException: an attribute the client may not write")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such client")
    @APIResponse(responseCode = "409", description = "UsernameExistsException")
    @APIResponse(responseCode = "429", description = "TooManyRequestsException (the pool's rate limit)")
    public Uni<SignUpView> signUp(@NotNull SignUpRequest request) {
        RequestConstraints.valid(request);
        return signUp.signUp(request.toCommand()).map(SignUpView::of);
    }

    @POST
    @Path("/confirm-sign-up")
    @Operation(operationId = "confirmSignUp", summary = "Confirm a signed-up user with the code it received",
            description = "ConfirmSignUp. Public. The user becomes CONFIRMED and the attribute that got the code "
            + "verified; codes last 24 hours and five wrong tries burn one.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "confirm", value = Examples.CONFIRM)))
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(responseCode = "204", description = "Confirmed; the attribute that received the code is verified")
    @APIResponse(responseCode = "400", description = "InvalidParameterException, CodeMismatchException (a wrong "
            + "code; the fifth burns it), ExpiredCodeException (no live code)")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: secret hash, a user that is not "
            + "UNCONFIRMED, or a disabled user")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException (client) or UserNotFoundException")
    @APIResponse(responseCode = "409", description = "AliasExistsException: another user holds the value as an "
            + "alias (send forceAliasCreation to move it)")
    @APIResponse(responseCode = "429", description = "LimitExceededException (15 tries per user and hour) or "
            + "TooManyRequestsException (the pool's rate limit)")
    public Uni<Response> confirmSignUp(@NotNull ConfirmSignUpRequest request) {
        RequestConstraints.valid(request);
        return confirmation.confirm(request.toCommand()).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/resend-confirmation-code")
    @Operation(operationId = "resendConfirmationCode", summary = "Send a new sign-up code to an unconfirmed user",
            description = "ResendConfirmationCode. Public. A new code supersedes the old one "
            + "(CustomMessage_ResendCode); at most five per user and hour.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "resend", value = Examples.RESEND)))
    @APIResponse(responseCode = "200", description = "Where the code went (masked)",
            content = @Content(schema = @Schema(implementation = CodeDeliveryView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException (already confirmed, no auto "
            + "verification, nothing to send to), " + MESSAGING_ERRORS)
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: missing or wrong secret hash")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException (client) or UserNotFoundException")
    @APIResponse(responseCode = "429", description = "LimitExceededException (5 codes per user and hour) or "
            + "TooManyRequestsException (the pool's rate limit)")
    public Uni<CodeDeliveryView> resendConfirmationCode(@NotNull ResendConfirmationCodeRequest request) {
        RequestConstraints.valid(request);
        return resend.resend(request.toCommand()).map(CodeDeliveryView::new);
    }
}
