package io.userpools.attribute;

import java.util.Set;

/**
 * An app client's effective attribute permissions (defaults already applied).
 * {@code explicitWriteList} is true when the client was created with its own WriteAttributes,
 * which moves the write-permission check before the schema check (behaviour spec 2.1 step 2).
 */
public record ClientPermissions(String clientId, Set<String> readAttributes, Set<String> writeAttributes,
        boolean explicitWriteList) {
}
