package io.userpools.client;

import io.userpools.attribute.ClientPermissions;
import java.time.Instant;
import java.util.LinkedHashSet;

/**
 * An app client as the domain sees it: immutable and cacheable. {@code sealedSecret} is the
 * client secret encrypted at rest, or null for a public client.
 */
public record Client(String poolId, String clientId, String name, ClientSettings settings, byte[] sealedSecret,
        Instant createdAt, Instant lastModifiedAt) {

    public boolean hasSecret() {
        return sealedSecret != null;
    }

    /** The attribute permissions that the self-service attribute pipeline enforces. */
    public ClientPermissions permissions() {
        return new ClientPermissions(clientId, new LinkedHashSet<>(settings.readAttributes()),
                new LinkedHashSet<>(settings.writeAttributes()), settings.explicitWriteList());
    }
}
