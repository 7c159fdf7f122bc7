package io.userpools.attribute;

import io.userpools.history.Actor;
import io.userpools.history.Provenance;
import io.userpools.user.SessionGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan of an attribute write (with who asked, for its history entry) whose outcome does not depend on the user's current state, as
 * {@link AttributePolicy#planMerge} decides: a plain merge, set the non-blank values, remove the
 * blank ones. {@link MergeLanes} runs it as one UPDATE
 * statement (or, with other writes to the same user, as one batch), with no explicit transaction.
 * Anything else (and any fall-back: user named by sub or alias, nothing changed) takes the locked
 * read-plan-write path. A self-service write carries its access token's {@link SessionGuard}, which
 * the statement checks (null for an admin write).
 */
record MergeWrite(Map<String, String> set, List<String> remove, Provenance by, Set<String> unkept,
        SessionGuard guard) {

    /** What a write records when nobody said who asked (tests of the lanes alone). */
    static final Provenance UNATTRIBUTED = new Provenance("AdminUpdateUserAttributes", null, Actor.service("unattributed"));

    /** This write as {@code by} asked it, in a pool whose history does not keep {@code unkept}. */
    MergeWrite by(Provenance by, Set<String> unkept) {
        return new MergeWrite(set, remove, by, unkept, guard);
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
        return new MergeWrite(set, remove, UNATTRIBUTED, Set.of(), null);
    }

    /** The same write, allowed only while the guard holds (a self-service write). */
    MergeWrite guardedBy(SessionGuard sessionGuard) {
        return new MergeWrite(set, remove, by, unkept, sessionGuard);
    }
}
