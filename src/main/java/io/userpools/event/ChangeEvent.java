package io.userpools.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One change to a user as the feed and the subscriptions show it: one history entry (V10
 * {@code user_history}) with the event types it matches ({@link EventTypes}).
 *
 * @param id        {@code evt_<entry id>}, the same in the feed and in every delivery of it
 * @param types     the event types, possibly none (a password or status change alone)
 * @param pool      the pool id
 * @param user      the user's sub and username at the time
 * @param version   the user's version after the change
 * @param time      when the change was made
 * @param operation the Cognito operation that made it
 * @param requestId the request that made it, when there was one
 * @param actor     who made it, as history records it
 * @param changes   what changed, with the values history keeps
 */
@RegisterForReflection
@Schema(description = "One change to a user")
public record ChangeEvent(
        @Schema(example = "evt_1042") String id,
        @Schema(example = "[\"user.attributes.changed\", \"user.attribute.verified\"]") List<String> types,
        @Schema(example = "us-east-1_Ab3dE6gH9") String pool,
        User user,
        @Schema(example = "4") long version,
        Instant time,
        @Schema(example = "VerifyUserAttribute") String operation,
        String requestId,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                description = "{\"type\": \"admin\", \"keyId\"} | {\"type\": \"user\", \"clientId\", \"sub\"} "
                        + "| {\"type\": \"service\", \"reason\"}") JsonNode actor,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                description = "Members present only when they changed: attributes and pending "
                        + "({\"<name>\": {\"old\", \"new\"}} or {\"kept\": false} for an attribute whose values "
                        + "the pool does not keep), status and enabled ({\"old\", \"new\"}), password "
                        + "(set | temporary | reset)") JsonNode changes) {

    /** The user an event is about. */
    @RegisterForReflection
    public record User(@Schema(example = "3f6c2a0e-8d1b-4f5e-9a7c-2b4d6e8f0a1c") String sub,
            @Schema(example = "jane") String username) {
    }

    /** The event id of history entry {@code entryId}. */
    public static String id(long entryId) {
        return "evt_" + entryId;
    }
}
