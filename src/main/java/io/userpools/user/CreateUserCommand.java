package io.userpools.user;

import java.util.List;
import java.util.Map;

/**
 * AdminCreateUser as the domain takes it, from either facade. {@code clientMetadata} is never
 * stored. {@code messageAction} is {@code RESEND}, {@code SUPPRESS} or null;
 * {@code desiredDeliveryMediums} holds {@code EMAIL} and/or {@code SMS}, or is null.
 */
public record CreateUserCommand(
        String username,
        Map<String, String> attributes,
        String temporaryPassword,
        String messageAction,
        Boolean forceAliasCreation,
        Map<String, String> clientMetadata,
        List<String> desiredDeliveryMediums) {
}
