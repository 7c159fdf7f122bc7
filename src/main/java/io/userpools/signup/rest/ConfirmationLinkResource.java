package io.userpools.signup.rest;

import io.smallrye.mutiny.Uni;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.DatabaseFailures;
import io.userpools.common.error.InternalErrorException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.ratelimit.PoolFromCaller;
import io.userpools.signup.ConfirmSignUpService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The link of a CONFIRM_WITH_LINK sign-up email (lifecycle spec 8.4): a browser opens it, so it
 * answers an HTML page ({@link ConfirmationPage}), never problem+json, for the refusals of
 * ConfirmSignUp too. Public; the pool's rate limit applies once the client is known, as for
 * ConfirmSignUp ({@link PoolFromCaller}): the service looks the client up through
 * {@link io.userpools.auth.PublicClients}, which applies it.
 */
@Path("/pools/{poolId}/confirm-user")
@Tag(name = "Sign-up", description = "Public sign-up and confirmation of new users, by app client")
@PoolFromCaller
@PermitAll
public class ConfirmationLinkResource {

    private static final Logger LOG = Logger.getLogger(ConfirmationLinkResource.class);
    private static final String PAGE = "A small HTML page (Content-Security-Policy default-src 'none', "
            + "Cache-Control no-store) ";

    private final ConfirmSignUpService confirmation;

    public ConfirmationLinkResource(ConfirmSignUpService confirmation) {
        this.confirmation = confirmation;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "confirmSignUpByLink", summary = "Confirm a signed-up user from the link it was "
            + "mailed (CONFIRM_WITH_LINK pools)",
            description = "ConfirmSignUp, for a browser. Public, without secret hash: the code in the link is the "
            + "proof. Pools with messaging.defaultEmailOption CONFIRM_WITH_LINK mail this link at SignUp and "
            + "ResendConfirmationCode; the alias is never forced. The answer is an HTML page, for refusals too, "
            + "with Cognito's message and exception name.")
    @Parameter(name = "client_id", in = ParameterIn.QUERY, required = true, description = "The app client that "
            + "signed the user up", example = "4lbv1dq2qk3s2mgnj5sxvnwcrd")
    @Parameter(name = "user_name", in = ParameterIn.QUERY, required = true, description = "The username",
            example = "jdoe")
    @Parameter(name = "confirmation_code", in = ParameterIn.QUERY, required = true,
            description = "The sign-up code", example = "123456")
    @APIResponse(responseCode = "200", description = PAGE + "saying the user is confirmed",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "400", description = PAGE + "with Cognito's message: CodeMismatchException, "
            + "ExpiredCodeException, NotAuthorizedException (the user is not UNCONFIRMED, or disabled), "
            + "InvalidParameterException (an incomplete link), AliasExistsException",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = PAGE + "with Cognito's message: ResourceNotFoundException "
            + "(pool, or a client that is not the pool's) or UserNotFoundException",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "429", description = PAGE + "with Retry-After: LimitExceededException (15 tries "
            + "per user and hour, or the user is locked out of sign-in) or TooManyRequestsException",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "500", description = PAGE + "InternalErrorException: a bug on our side",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "503", description = PAGE + "with Retry-After: ServiceUnavailableException, the "
            + "database is unreachable",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    public Uni<Response> confirmSignUpByLink(@PathParam("poolId") String poolId,
            @QueryParam("client_id") String clientId, @QueryParam("user_name") String userName,
            @QueryParam("confirmation_code") String code) {
        Uni<Void> confirmed;
        try {
            RequestConstraints.valid(new ConfirmSignUpRequest(clientId, null, userName, code, false, null));
            confirmed = confirmation.confirmByLink(poolId, clientId, userName, code);
        } catch (RuntimeException e) {
            confirmed = Uni.createFrom().failure(e);
        }
        return confirmed.onItemOrFailure().transform((ignored, failure) -> failure == null
                ? ConfirmationPage.confirmed() : refused(failure));
    }

    private static Response refused(Throwable failure) {
        CognitoException refusal;
        if (failure instanceof CognitoException cognito) {
            refusal = cognito;
        } else if (DatabaseFailures.isUnavailable(failure)) {
            refusal = DatabaseFailures.unavailable();
        } else {
            LOG.errorf(failure, "Unexpected failure of a confirmation link");
            refusal = new InternalErrorException("An internal error occurred.");
        }
        int status = refusal.status();
        return ConfirmationPage.refused(status == 404 || status == 429 || status >= 500 ? status : 400,
                refusal.code(), refusal.getMessage(), refusal.retryAfterSeconds());
    }
}
