package io.userpools.password.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.common.error.Problem;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.password.PasswordRecoveryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

/** AdminResetUserPassword (lifecycle spec 4.4). */
@Path("/pools/{poolId}/users/{username}/reset-password")
@Tag(name = "User accounts", description = "Passwords, enable/disable and sign-out of a user (admin)")
@SecurityRequirement(name = "adminKey")
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class UserPasswordResetResource {

    private final PasswordRecoveryService recovery;
    private final ObjectMapper json;

    public UserPasswordResetResource(PasswordRecoveryService recovery, ObjectMapper json) {
        this.recovery = recovery;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    // no body to negotiate: an Accept naming only problem+json (what generated clients send) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "adminResetUserPassword",
            summary = "Require a password reset: status RESET_REQUIRED and a reset code to the verified channel",
            description = "AdminResetUserPassword. Sign-in then answers PasswordResetRequiredException until the "
            + "user sets a new password with the code (ConfirmForgotPassword).")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdminResetUserPasswordRequest.class),
            examples = @ExampleObject(name = "metadata", value = Examples.RESET_PASSWORD)))
    @APIResponse(responseCode = "204", description = "Reset: the old password and its refresh tokens no longer work")
    @APIResponse(responseCode = "400", description = "InvalidParameterException (no verified email or phone "
            + "number), UserLambdaValidationException, InvalidEmailRoleAccessPolicyException, "
            + "InvalidSmsRoleAccessPolicyException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: disabled user, or a user in "
            + "FORCE_CHANGE_PASSWORD or UNCONFIRMED")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    @APIResponse(responseCode = "502", description = "UnexpectedLambdaException or InvalidLambdaResponseException")
    public Uni<Response> adminResetUserPassword(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username,
            @Parameter(hidden = true) byte[] body) throws IOException {
        RequestConstraints.length("username", username, 1, 128);
        AdminResetUserPasswordRequest request = blank(body) ? null
                : RequestConstraints.valid(json.readValue(body, AdminResetUserPasswordRequest.class));
        return recovery.adminResetUserPassword(poolId, username, request == null ? null : request.clientMetadata())
                .replaceWith(Response.noContent().build());
    }

    /** A bare POST (no body, so no Content-Type) is allowed: the body is optional. */
    private static boolean blank(byte[] body) {
        return body == null || new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).chars()
                .allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r');
    }
}
