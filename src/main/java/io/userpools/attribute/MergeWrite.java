package io.userpools.attribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of an attribute write whose outcome does not depend on the user's current state, as
 * {@link AttributePolicy#planMerge} decides: a plain merge, set the non-blank values, remove the
 * blank ones. {@link MergeLanes} runs it as one UPDATE
 * statement (or, with other writes to the same user, as one batch), with no explicit transaction.
 * Anything else (and any fall-back: user named by sub or alias, nothing changed) takes the locked
 * read-plan-write path.
 */
record MergeWrite(Map<String, String> set, List<String> remove) {

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
