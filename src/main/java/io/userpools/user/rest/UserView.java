package io.userpools.user.rest;

import io.userpools.user.PoolUser;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as admin callers see it. */
@Schema(requiredProperties = {"username", "sub", "enabled", "status", "createdAt", "lastModifiedAt", "attributes",
    "pendingAttributes", "version"})
public record UserView(String username, String sub, boolean enabled,
        // UserStatus' names (OpenApiClientsTest holds them equal); implementation= would add type: object
        @Schema(type = SchemaType.STRING, enumeration = {"UNCONFIRMED", "CONFIRMED", "RESET_REQUIRED",
                "FORCE_CHANGE_PASSWORD"}) String status, Instant createdAt,
        Instant lastModifiedAt, Map<String, String> attributes, Map<String, String> pendingAttributes, long version) {

    public static UserView of(PoolUser user) {
        return new UserView(user.username(), user.sub().toString(), user.enabled(), user.status().name(),
                user.createdAt(), user.lastModifiedAt(), new TreeMap<>(user.attributes()),
                new TreeMap<>(user.pending()), user.version());
    }

    /** The strong ETag of this version of the user. */
    public static String etag(PoolUser user) {
        return "\"" + user.version() + "\"";
    }
}
