package io.userpools.trigger;

import io.userpools.pool.Pool;
import io.userpools.user.PoolUser;
import io.userpools.user.UserIdentifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Builds the CustomMessage event for one message ([2.14]). Pure. */
public final class CustomMessageEvents {

    /** What Cognito puts in {@code callerContext.awsSdkVersion}; ours names the service. */
    public static final String SDK_VERSION = "userpools-1";

    private CustomMessageEvents() {
    }

    /**
     * The event for a message to {@code user} as it will be once the change commits.
     *
     * @param attributes     the user's active attributes after the change (with {@code sub})
     * @param clientId       the token's app client, or null for an admin call
     * @param clientMetadata the caller's metadata, passed through untouched (null when absent)
     */
    public static CustomMessageEvent of(String region, Pool pool, PoolUser user, Map<String, String> attributes,
            TriggerSource source, String clientId, Map<String, String> clientMetadata) {
        return event(region, pool, user, attributes, source, clientId, clientMetadata, null, null);
    }

    /**
     * As {@link #of}, for the email of sign-up confirmation in a CONFIRM_WITH_LINK pool:
     * {@code linkParameter} {@value CustomMessageEvent#LINK_PARAMETER} (lifecycle spec 2.5).
     */
    public static CustomMessageEvent withLink(String region, Pool pool, PoolUser user, Map<String, String> attributes,
            TriggerSource source, String clientId, Map<String, String> clientMetadata) {
        return event(region, pool, user, attributes, source, clientId, clientMetadata, null,
                CustomMessageEvent.LINK_PARAMETER);
    }

    /**
     * The event for the invitation of AdminCreateUser (lifecycle spec 5.5): source
     * {@code CustomMessage_AdminCreateUser}, {@code usernameParameter} {@code {username}}, no
     * client; {@code codeParameter} stands for the temporary password.
     */
    public static CustomMessageEvent invitation(String region, Pool pool, PoolUser user,
            Map<String, String> clientMetadata) {
        return event(region, pool, user, user.attributes(), TriggerSource.CustomMessage_AdminCreateUser, null,
                clientMetadata, CustomMessageEvent.USERNAME_PARAMETER, null);
    }

    private static CustomMessageEvent event(String region, Pool pool, PoolUser user, Map<String, String> attributes,
            TriggerSource source, String clientId, Map<String, String> clientMetadata, String usernameParameter,
            String linkParameter) {
        Map<String, String> userAttributes = new TreeMap<>(attributes);
        userAttributes.put("sub", user.sub().toString());
        userAttributes.put("cognito:user_status", user.status().name());
        if (!pool.settings().aliasAttributes().isEmpty()) {
            UserIdentifiers.of(pool, attributes).forEach((name, value) -> {
                if (pool.isAliasAttribute(name)) {
                    userAttributes.put("cognito:" + name + "_alias", value);
                }
            });
        }
        return new CustomMessageEvent("1", source.name(), region, pool.id(), user.username(),
                new CustomMessageEvent.CallerContext(SDK_VERSION,
                        clientId == null ? CustomMessageEvent.CLIENT_ID_NOT_APPLICABLE : clientId),
                new CustomMessageEvent.Request(userAttributes, CustomMessageEvent.CODE_PARAMETER, linkParameter,
                        usernameParameter,
                        clientMetadata == null ? null : new LinkedHashMap<>(clientMetadata)),
                CustomMessageEvent.Response.EMPTY);
    }
}
