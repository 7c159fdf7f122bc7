package io.userpools.event.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.event.EventService;
import jakarta.annotation.security.RolesAllowed;
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

@Path("/pools/{poolId}/events")
@Tag(name = "Change events", description = "A pool's user changes as a feed in commit order, and webhook "
        + "subscriptions to them (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class EventResource {

    private final EventService events;

    public EventResource(EventService events) {
        this.events = events;
    }

    @GET
    @Operation(operationId = "listChangeEvents", summary = "The pool's change events in commit order, after a cursor",
            description = "One event per recorded change to a user (its history entry), with the event types it "
            + "matches (possibly none, e.g. a password change alone), the user's sub, username and new version, "
            + "the actor and the attributes changed with the values history keeps. Events come in commit order: "
            + "one that commits after an answer was given always comes after that answer's cursor, so a consumer "
            + "that passes each answer's cursor as the next `after` sees every event once, with any number of "
            + "writers and replicas. An event shows once every transaction that started writing before it has "
            + "ended. Within one user, order by `version`. A deployment that turns history off "
            + "(USERPOOLS_HISTORY_ENABLED=false) records no entries, so the feed then has no new events.")
    @APIResponse(responseCode = "200", description = "Up to limit events and the cursor to continue from",
            content = @Content(schema = @Schema(implementation = EventPageView.class),
                    examples = @ExampleObject(name = "page", value = Examples.EVENT_PAGE)))
    @APIResponse(responseCode = "400",
            description = "InvalidParameterException: a limit out of 1..1000, or a cursor that is malformed or "
            + "another pool's")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<EventPageView> listChangeEvents(@PathParam("poolId") String poolId,
            @Parameter(description = "The cursor of an earlier answer; absent or empty starts at the first event")
            @QueryParam("after") String after,
            // read as text so that a bad value gets a Cognito-worded 400
            @Parameter(description = "1 to 1000; absent or empty means 100",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit) {
        return events.events(poolId, after, limit).map(EventPageView::of);
    }
}
