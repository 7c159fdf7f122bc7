package io.userpools.attribute.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.userpools.auth.Callers;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.userpools.attribute.AttributeService;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.user.rest.UserView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/users/{username}/attributes")
@Tag(name = "User attributes", description = "Admin attribute updates and deletions")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class AttributeResource {

    private static final String IF_MATCH = "The ETag of the version the change is based on (412 when the user has "
            + "another); absent or * applies it to any version";

    private final AttributeService attributes;

    public AttributeResource(AttributeService attributes) {
        this.attributes = attributes;
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminUpdateUserAttributes",
            summary = "Update a user's attributes, all or nothing; \"\" or null deletes",
            description = "AdminUpdateUserAttributes. Every check runs before anything changes, and every violation "
            + "is reported; a changed email or phone number loses its verified flag unless the request "
            + "sets it, may be held pending verification, and may get a code. If-Match makes the change "
            + "conditional on the version (412 otherwise).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "update", value = Examples.UPDATE)))
    @APIResponse(responseCode = "200", description = "The updated user, with its new version as ETag",
            headers = @Header(name = HttpHeaders.ETAG, description = "The user's version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = UserUpdateView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: unknown, immutable or invalid "
            + "attribute, or a trigger text without {####}; UserLambdaValidationException: the custom message "
            + "trigger vetoed; InvalidEmailRoleAccessPolicyException / InvalidSmsRoleAccessPolicyException: the "
            + "deployment cannot send the code")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    @APIResponse(responseCode = "409", description = "AliasExistsException: the email or phone belongs to another user")
    @APIResponse(responseCode = "412", description = "PreconditionFailedException: If-Match names another version")
    @APIResponse(responseCode = "502", description = "UnexpectedLambdaException (no answer in time) or "
            + "InvalidLambdaResponseException (unusable answer) from the custom message trigger")
    public Uni<Response> adminUpdateUserAttributes(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull AdminUpdateUserAttributesRequest request) {
        RequestConstraints.length("username", username, 1, 128);
        RequestConstraints.valid(request);
        Long expected = IfMatch.version(ifMatch);
        return attributes.adminUpdate(poolId, username, request.attributes(), request.clientMetadata(), expected)
                .map(outcome -> Response.ok(UserUpdateView.of(outcome))
                        .header(HttpHeaders.ETAG, UserView.etag(outcome.user())).build());
    }

    @DELETE
    @Operation(operationId = "adminDeleteUserAttributes", summary = "Delete some of a user's attributes",
            description = "AdminDeleteUserAttributes. Deletes the named attributes (name, repeated), with the checks "
            + "of an update; If-Match makes it conditional on the user's version (412 otherwise).")
    @APIResponse(responseCode = "200", description = "The user without those attributes, with its new version as ETag",
            headers = @Header(name = HttpHeaders.ETAG, description = "The user's version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: unknown, required or immutable name")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException or UserNotFoundException")
    @APIResponse(responseCode = "412", description = "PreconditionFailedException: If-Match names another version")
    public Uni<Response> adminDeleteUserAttributes(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("name") List<String> names) {
        RequestConstraints.length("username", username, 1, 128);
        Long expected = IfMatch.version(ifMatch);
        return attributes.adminDelete(poolId, username, names == null ? List.of() : names, expected)
                .map(user -> Response.ok(UserView.of(user)).header(HttpHeaders.ETAG, UserView.etag(user)).build());
    }
}
