package io.userpools.event;

import java.util.List;

/** Subscribe {@code url} to the pool's events of these types, signed with {@code secret}. */
public record CreateSubscriptionCommand(String poolId, String url, List<String> events, String secret) {
}
