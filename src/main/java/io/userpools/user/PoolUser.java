package io.userpools.user;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A user as stored: active attributes (including {@code sub}, flags as "true"/"false"), values
 * pending verification, and a version that grows by one with every change.
 */
public record PoolUser(
        String poolId,
        UUID sub,
        String username,
        UserStatus status,
        boolean enabled,
        String passwordHash,
        Map<String, String> attributes,
        Map<String, String> pending,
        long version,
        Instant createdAt,
        Instant lastModifiedAt,
        Instant signedOutAt) {

    public PoolUser {
        attributes = Map.copyOf(attributes);
        pending = Map.copyOf(pending);
    }
}
