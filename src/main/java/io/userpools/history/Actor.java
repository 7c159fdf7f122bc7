package io.userpools.history;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Who made a change, as a history entry records it (the {@code actor} of {@code user_history}, V10):
 * an admin access key, an app client acting for the user itself (self-service and the client-id
 * operations), or the service itself (a code verification promoting a pending value).
 */
public final class Actor {

    private final JsonObject json;

    private Actor(JsonObject json) {
        this.json = json;
    }

    /** An administrator, by the id of the access key it presented (null when unknown). */
    public static Actor admin(String keyId) {
        return new Actor(new JsonObject().put("type", "admin").put("keyId", keyId));
    }

    /** The user itself through an app client; the user's sub is added when the entry is written. */
    public static Actor user(String clientId) {
        return new Actor(new JsonObject().put("type", "user").put("clientId", clientId));
    }

    /** The service on its own account, with the reason (e.g. {@code code-verification}). */
    public static Actor service(String reason) {
        return new Actor(new JsonObject().put("type", "service").put("reason", reason));
    }

    /** The actor as recorded for a change of the user {@code sub}. */
    public JsonObject json(UUID sub) {
        return sub != null && "user".equals(json.getString("type")) ? json.copy().put("sub", sub.toString()) : json;
    }

    @Override
    public String toString() {
        return json.encode();
    }
}
