package io.userpools.user;

import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which attribute values are sign-in identifiers: the email/phone of a UsernameAttributes pool
 * whether verified or not; in an AliasAttributes pool, a verified email/phone and any
 * preferred_username ([3.3]).
 */
public final class UserIdentifiers {

    private UserIdentifiers() {
    }

    /** attribute name -> raw value, for every identifier the attributes give. */
    public static Map<String, String> of(Pool pool, Map<String, String> attributes) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String attribute : pool.settings().usernameAttributes()) {
            String value = attributes.get(attribute);
            if (value != null) {
                result.put(attribute, value);
            }
        }
        for (String attribute : pool.settings().aliasAttributes()) {
            String value = attributes.get(attribute);
            if (value == null) {
                continue;
            }
            boolean verified = attribute.equals(StandardAttributes.PREFERRED_USERNAME)
                    || "true".equals(attributes.get(StandardAttributes.verifiedFlagOf(attribute)));
            if (verified) {
                result.put(attribute, value);
            }
        }
        return result;
    }
}
