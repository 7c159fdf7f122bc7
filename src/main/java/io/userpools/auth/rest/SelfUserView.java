package io.userpools.auth.rest;

import io.userpools.attribute.ClientPermissions;
import io.userpools.user.PoolUser;
import io.userpools.user.rest.UserView;
import java.util.Map;
import java.util.TreeMap;

/** The user view of self-service answers: only the attributes the token's client may read. */
public final class SelfUserView {

    private SelfUserView() {
    }

    public static UserView of(PoolUser user, ClientPermissions client) {
        return new UserView(user.username(), user.sub().toString(), user.enabled(), user.status().name(),
                user.createdAt(), user.lastModifiedAt(), readable(user.attributes(), client),
                readable(user.pending(), client), user.version());
    }

    static Map<String, String> readable(Map<String, String> values, ClientPermissions client) {
        Map<String, String> result = new TreeMap<>();
        values.forEach((name, value) -> {
            if (client.readAttributes().contains(name)) {
                result.put(name, value);
            }
        });
        return result;
    }
}
