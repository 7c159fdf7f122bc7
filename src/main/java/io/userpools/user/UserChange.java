package io.userpools.user;

import java.util.Map;
import java.util.Set;

/**
 * What a planned write does to one user's row and sign-in identifiers, as {@link UserWriter}
 * carries it out. The attribute policy computes it; nobody else decides what an identifier does.
 *
 * @param status          the status after the write, or null to keep it
 * @param attributes      the active attributes after the write (complete map)
 * @param pending         the values held for verification after the write (complete map)
 * @param aliasesToAdd    attribute name -> raw value that becomes an identifier; a clash is
 *                        AliasExistsException
 * @param aliasesToRemove attribute names whose identifier the user gives up
 * @param aliasesToMove   attribute name -> raw value taken from any other holder, who keeps the
 *                        value unverified ([3.3])
 */
public record UserChange(UserStatus status, Map<String, String> attributes, Map<String, String> pending,
        Map<String, String> aliasesToAdd, Set<String> aliasesToRemove, Map<String, String> aliasesToMove) {

    public UserChange {
        attributes = Map.copyOf(attributes);
        pending = Map.copyOf(pending);
        aliasesToAdd = Map.copyOf(aliasesToAdd);
        aliasesToRemove = Set.copyOf(aliasesToRemove);
        aliasesToMove = Map.copyOf(aliasesToMove);
    }
}
