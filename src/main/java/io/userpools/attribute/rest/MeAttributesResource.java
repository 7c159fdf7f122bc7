package io.userpools.attribute.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributeService;
import io.userpools.auth.SelfCaller;
import io.userpools.auth.rest.SelfUserView;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.user.rest.UserView;
import jakarta.validation.constraints.NotNull;
import io.userpools.ratelimit.PoolFromCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me/attributes")
@Tag(name = "Self-service", description = "The signed-in user, with an access token")
@SecurityRequirement(name = "accessToken")
@Produces(MediaType.APPLICATION_JSON)
@PoolFromCaller
@HttpAuthenticationMechanism(Callers.SIGNED_TOKEN)
@RolesAllowed(Callers.USER)
public class MeAttributesResource {

    private final SelfCaller caller;
    private final AttributeService attributes;

    public MeAttributesResource(SelfCaller caller, AttributeService attributes) {
        this.caller = caller;
        this.attributes = attributes;
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUserAttributes",
            summary = "Update the signed-in user's attributes within the client's write list; \"\" or null deletes",
            description = "UpdateUserAttributes. The same checks as the admin update, within the app client's write "
            + "list (403 NotAuthorizedException otherwise); changed email or phone numbers get codes, "
            + "reported in codeDeliveryDetails.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "update", value = Examples.SELF_UPDATE)))
    @APIResponse(responseCode = "200", description = "Where codes went, and the user as the client may read it",
            content = @Content(schema = @Schema(implementation = SelfUpdateView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException, PasswordResetRequiredException, "
            + "UserNotConfirmedException")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token")
    @APIResponse(responseCode = "403", description = "NotAuthorizedException: the client may not write an attribute")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    @APIResponse(responseCode = "409", description = "AliasExistsException: the email or phone belongs to another user")
    public Uni<SelfUpdateView> updateUserAttributes(
            @NotNull UpdateUserAttributesRequest request) {
        return caller.guarded((token, access) -> {
            RequestConstraints.valid(request);
            var client = token.client().permissions();
            return attributes.selfUpdate(access, client, request.attributes(), request.clientMetadata())
                    .map(outcome -> SelfUpdateView.of(outcome, client));
        });
    }

    @DELETE
    @Operation(operationId = "deleteUserAttributes", summary = "Delete some of the signed-in user's attributes",
            description = "DeleteUserAttributes. Deletes the named attributes (name repeated) of the access token's "
            + "user, within the app client's write list.")
    @APIResponse(responseCode = "200", description = "The user without those attributes, as the client may read it",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: unknown, required or immutable name")
    @APIResponse(responseCode = "401", description = "NotAuthorizedException: invalid, expired or revoked token")
    @APIResponse(responseCode = "403", description = "NotAuthorizedException: the client may not write an attribute")
    @APIResponse(responseCode = "404", description = "UserNotFoundException: the user no longer exists")
    public Uni<UserView> deleteUserAttributes(
            @QueryParam("name") List<String> names) {
        return caller.guarded((token, access) -> {
            var client = token.client().permissions();
            return attributes.selfDelete(access, client, names == null ? List.of() : names)
                    .map(user -> SelfUserView.of(user, client));
        });
    }
}
