package io.userpools.attribute;

import io.userpools.user.UserChange;
import io.userpools.user.UserStatus;
import java.util.Map;
import java.util.Set;

/**
 * What a valid write does to a user, computed before anything changes.
 *
 * @param attributes      the user's active attributes after the write (complete map)
 * @param pending         the values held for verification after the write (complete map)
 * @param codeTargets     verifiable attributes (email, phone_number) that need a code sent, with
 *                        the value the code goes to (the new active value, or the pending one)
 * @param aliasesToAdd    attribute name -> value that becomes a unique sign-in alias (checked by
 *                        the database; a clash is AliasExistsException)
 * @param aliasesToRemove attribute names whose alias the user no longer holds
 * @param aliasesToMove   attribute name -> value verified by an admin that is taken away from any
 *                        other holder (who keeps the value, unverified) rather than clashing
 * @param changed         false when the write changes nothing stored
 */
public record UpdatePlan(Map<String, String> attributes, Map<String, String> pending,
        Map<String, String> codeTargets, Map<String, String> aliasesToAdd, Set<String> aliasesToRemove,
        Map<String, String> aliasesToMove, boolean changed) {

    /** The change for the user writer, keeping the user's status. */
    public UserChange change() {
        return change(null);
    }

    /** The change for the user writer, with a new status (null keeps it). */
    public UserChange change(UserStatus status) {
        return new UserChange(status, attributes, pending, aliasesToAdd, aliasesToRemove, aliasesToMove);
    }
}
