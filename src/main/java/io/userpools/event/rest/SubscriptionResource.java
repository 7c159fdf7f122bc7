package io.userpools.event.rest;

import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.event.SubscriptionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/subscriptions")
@Tag(name = "Change events")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class SubscriptionResource {

    private static final String NOT_FOUND = "ResourceNotFoundException: no such pool or subscription";

    private final SubscriptionService subscriptions;

    public SubscriptionResource(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEventSubscription", summary = "Subscribe a webhook to the pool's change events",
            description = "The URL receives, from now on, each event of the types chosen as a POST of the event JSON "
            + "(as the feed shows it), signed with the secret as the custom message trigger is (webhook-id = the "
            + "event id, webhook-timestamp, webhook-signature). A 2xx answer acknowledges it; anything else is "
            + "retried with backoff, at least once, one user's events in order (a user's later event waits until "
            + "the earlier one is acknowledged), and parked after the configured attempts. The URL must be https "
            + "and pass the webhook egress rule.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "subscription", value = Examples.SUBSCRIPTION)))
    @APIResponse(responseCode = "201", description = "The subscription (without its secret)",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: a missing or bad field, an unknown "
            + "event type, a URL that is not https, carries user information, does not resolve or may not be reached")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    @APIResponse(responseCode = "429", description = "LimitExceededException: the pool has the most subscriptions allowed")
    public Uni<Response> createEventSubscription(@PathParam("poolId") String poolId,
            @NotNull CreateSubscriptionRequest request, UriInfo uri) {
        RequestConstraints.valid(request);
        return subscriptions.create(request.toCommand(poolId)).map(created -> Response
                .created(UriBuilder.fromUri(uri.getAbsolutePath()).path("{id}").build(created.id()))
                .entity(SubscriptionView.of(created)).build());
    }

    @GET
    @Operation(operationId = "listEventSubscriptions", summary = "The pool's event subscriptions",
            description = "Every subscription of the pool, oldest first, with its pending count and parked deliveries.")
    @APIResponse(responseCode = "200", description = "The subscriptions",
            content = @Content(schema = @Schema(implementation = SubscriptionListView.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<SubscriptionListView> listEventSubscriptions(@PathParam("poolId") String poolId) {
        return subscriptions.list(poolId).map(SubscriptionListView::of);
    }

    @GET
    @Path("/{subscriptionId}")
    @Operation(operationId = "describeEventSubscription", summary = "One event subscription and its parked deliveries",
            description = "The subscription, the number of deliveries pending and the parked ones.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<SubscriptionView> describeEventSubscription(@PathParam("poolId") String poolId,
            @PathParam("subscriptionId") String subscriptionId) {
        return subscriptions.get(poolId, subscriptionId).map(SubscriptionView::of);
    }

    @POST
    @Path("/{subscriptionId}/retry")
    @Operation(operationId = "retryEventSubscription", summary = "Send the parked deliveries again",
            description = "Every parked delivery of the subscription is due again with its attempts afresh; the "
            + "users' later events follow once each is acknowledged.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<SubscriptionView> retryEventSubscription(@PathParam("poolId") String poolId,
            @PathParam("subscriptionId") String subscriptionId) {
        return subscriptions.retryParked(poolId, subscriptionId).map(SubscriptionView::of);
    }

    @DELETE
    @Path("/{subscriptionId}")
    @Operation(operationId = "deleteEventSubscription", summary = "Remove an event subscription",
            description = "The subscription stops at once; its pending and parked deliveries are dropped.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<Void> deleteEventSubscription(@PathParam("poolId") String poolId,
            @PathParam("subscriptionId") String subscriptionId) {
        return subscriptions.delete(poolId, subscriptionId);
    }
}
