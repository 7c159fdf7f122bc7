package io.userpools.user.rest;

import io.userpools.user.PoolUser;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A user as admin callers see it. */
public record UserView(String username, String sub, boolean enabled, String status, Instant createdAt,
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
