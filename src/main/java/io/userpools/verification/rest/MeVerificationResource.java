package io.userpools.verification.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.SelfCaller;
import io.userpools.auth.rest.SelfUserView;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.user.rest.UserView;
import io.userpools.verification.VerificationService;
import jakarta.validation.constraints.NotNull;
import io.userpools.ratelimit.PoolFromCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me/attributes/{name}")
@Tag(name = "Self-service", description = "The signed-in user, with an access token")
@SecurityRequirement(name = "accessToken")
@Produces(MediaType.APPLICATION_JSON)
@PoolFromCaller
@HttpAuthenticationMechanism(Callers.ACCESS_TOKEN)
@RolesAllowed(Callers.USER)
public class MeVerificationResource {

    private final SelfCaller caller;
    private final VerificationService verification;
    private final ObjectMapper json;

    public MeVerificationResource(SelfCaller caller, VerificationService verification, ObjectMapper json) {
        this.caller = caller;
        this.verification = verification;
        this.json = json;
    }

    @POST
    @Path("/verification-code")
    @Operation(operationId = "getUserAttributeVerificationCode",
            summary = "Send a fresh code to the signed-in user's current email or phone number",
            description = "GetUserAttributeVerificationCode. Sends a new code for email or phone_number to its "
            + "current value and answers where it went, masked; a newer code supersedes older ones. At "
            + "most 5 requests per user and hour (429 LimitExceededException).")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GetUserAttributeVerificationCodeRequest.class),
            examples = @ExampleObject(name = "metadata", value = Examples.SEND_CODE)))
    @APIResponse(responseCode = "200", description = "Where the code went (masked)",
            content = @Content(schema = @Schema(implementation = CodeDeliveryView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException (not email/phone_number, no value), "
            + "UserLambdaValidationException, UnexpectedLambdaException, InvalidLambdaResponseException, "
            + "InvalidEmailRoleAccessPolicyException, InvalidSmsRoleAccessPolicyException, "
            + "PasswordResetRequiredException, UserNotConfirmedException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    @APIResponse(responseCode = "429", description = "LimitExceededException (5 codes per user and hour) or "
            + "TooManyRequestsException (the pool's rate limit)")
    public Uni<CodeDeliveryView> getUserAttributeVerificationCode(
            @PathParam("name") String name, @Parameter(hidden = true) byte[] body) throws IOException {
        GetUserAttributeVerificationCodeRequest request = optionalBody(body);
        return caller.context().flatMap(ctx -> verification.sendCode(ctx.pool(), ctx.user().sub(), name,
                        ctx.client().clientId(), request == null ? null : request.clientMetadata()))
                .map(CodeDeliveryView::new);
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyUserAttribute",
            summary = "Verify the signed-in user's email or phone number with the code; a pending value becomes active",
            description = "VerifyUserAttribute. Checks the code: the value becomes verified, a pending value "
            + "becomes active, and an alias it held elsewhere is freed. Codes are single use and expire "
            + "after 24 hours; at most 15 attempts per user and hour.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "code", value = Examples.VERIFY)))
    @APIResponse(responseCode = "200", description = "The user, as the client may read it",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException, CodeMismatchException, "
            + "ExpiredCodeException, PasswordResetRequiredException, UserNotConfirmedException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    @APIResponse(responseCode = "409", description = "AliasExistsException: another user holds the value as an alias")
    @APIResponse(responseCode = "429", description = "LimitExceededException (15 attempts per user and hour) or "
            + "TooManyRequestsException (the pool's rate limit)")
    @HttpAuthenticationMechanism(Callers.SIGNED_TOKEN)
    public Uni<UserView> verifyUserAttribute(
            @PathParam("name") String name, @NotNull VerifyUserAttributeRequest request) {
        return caller.guarded((token, access) -> {
            RequestConstraints.valid(request);
            return verification.verify(access, name, request.code())
                    .map(user -> SelfUserView.of(user, token.client().permissions()));
        });
    }

    /**
     * The body is optional (a bare POST carries no Content-Type, which JAX-RS would refuse with
     * 415), so it is read as bytes and held to the same JSON and validation rules as other bodies
     * (bytes, not text: text would already have had any bytes that are not UTF-8 replaced).
     */
    private GetUserAttributeVerificationCodeRequest optionalBody(byte[] body) throws IOException {
        if (body == null || isBlank(body)) {
            return null;
        }
        return RequestConstraints.valid(json.readValue(body, GetUserAttributeVerificationCodeRequest.class));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
