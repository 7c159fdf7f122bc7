package io.userpools.history.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.history.HistoryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/users/{username}/history")
@Tag(name = "Users", description = "Users of a pool (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class HistoryResource {

    private final HistoryService history;

    public HistoryResource(HistoryService history) {
        this.history = history;
    }

    @GET
    @Operation(operationId = "adminListUserHistory", summary = "List the recorded changes of a user, newest first",
            description = "Not in Cognito. Every accepted change to a user is recorded with the change: "
            + "when, by which operation and request, by whom (admin key, the user through an app client, or "
            + "the service itself) and what changed (attribute and pending values old and new, verified "
            + "flags, status, enabled, password set/temporary/reset without any password material, created, "
            + "deleted). Attributes the pool does not keep values of show {\"kept\": false}. The user is "
            + "named by username, sub or alias; after its deletion, by its sub. Entries older than the "
            + "deployment's retention are gone; a deployment that turns history off "
            + "(USERPOOLS_HISTORY_ENABLED=false) records nothing more and answers the entries recorded "
            + "before. limit (1-60) per page; paginationToken, absent on the last "
            + "page, asks for the next one and is good for an hour, for this user's history only.")
    @APIResponse(responseCode = "200", description = "One page of entries, newest first",
            content = @Content(schema = @Schema(implementation = HistoryView.class),
                    examples = @ExampleObject(name = "history", value = Examples.HISTORY)))
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: bad limit, or a bad, expired or other listing's token")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool; "
            + "UserNotFoundException: no such user and nothing recorded for that sub")
    public Uni<HistoryView> adminListUserHistory(@PathParam("poolId") String poolId,
            @PathParam("username") @Size(min = 1, max = 128) String username,
            @Parameter(description = "0 to 60; 0 or absent means 60",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "60"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The previous page's paginationToken; valid for one hour")
            @QueryParam("paginationToken") String paginationToken) {
        RequestConstraints.length("username", username, 1, 128);
        return history.ofUser(poolId, username, limit, paginationToken).map(HistoryView::of);
    }
}
