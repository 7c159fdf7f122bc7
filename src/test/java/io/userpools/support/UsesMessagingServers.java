package io.userpools.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Puts the test SMTP server and SMS gateway in front of every {@code @QuarkusTest} (the resource
 * is global), so that every test runs against one application configuration with real delivery.
 */
@QuarkusTestResource(MessagingServers.class)
public final class UsesMessagingServers {

    private UsesMessagingServers() {
    }
}
