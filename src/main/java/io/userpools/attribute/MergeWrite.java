package io.userpools.attribute;

import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of an attribute write. When a request names none of the attributes whose
 * outcome depends on the user's current state (email, phone number, their flags, and sign-in
 * identifiers), its validation depends on the schema alone and its effect is a plain merge:
 * set the non-blank values, remove the blank ones. {@link MergeLanes} runs it as one UPDATE
 * statement (or, with other writes to the same user, as one batch), with no explicit transaction.
 * Anything else (and any fall-back: user named by sub or alias, nothing changed) takes the locked
 * read-plan-write path.
 */
record MergeWrite(Map<String, String> set, List<String> remove) {

    private static final Set<String> STATEFUL = Set.of(StandardAttributes.EMAIL, StandardAttributes.PHONE_NUMBER,
            StandardAttributes.EMAIL_VERIFIED, StandardAttributes.PHONE_NUMBER_VERIFIED,
            StandardAttributes.PREFERRED_USERNAME);

    static boolean applies(Pool pool, Map<String, String> requested) {
        if (requested.isEmpty()) {
            return false;
        }
        for (String name : requested.keySet()) {
            if (name == null || STATEFUL.contains(name) || pool.isUsernameAttribute(name) || pool.isAliasAttribute(name)) {
                return false;
            }
        }
        return true;
    }

    /** The attributes after this write: the values set, the names removed. */
    Map<String, String> applyTo(Map<String, String> attributes) {
        Map<String, String> result = new LinkedHashMap<>(attributes);
        result.putAll(set);
        remove.forEach(result::remove);
        return result;
    }

    static MergeWrite of(Map<String, String> requested) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        requested.forEach((name, value) -> {
            if (AttributePolicy.isBlank(value)) {
                remove.add(name);
            } else {
                set.put(name, value);
            }
        });
        return new MergeWrite(set, remove);
    }
}
