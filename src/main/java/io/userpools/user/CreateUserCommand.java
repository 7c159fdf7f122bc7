package io.userpools.user;

import java.util.Map;

/** AdminCreateUser as the domain takes it, from either facade. {@code clientMetadata} is never stored. */
public record CreateUserCommand(
        String username,
        Map<String, String> attributes,
        String temporaryPassword,
        String messageAction,
        Boolean forceAliasCreation,
        Map<String, String> clientMetadata) {
}
