package io.userpools.pool;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The schema column's document. A JSON object rather than a bare array, because Hibernate
 * Reactive reads JSONB columns as objects.
 */
@RegisterForReflection
public record StoredSchema(List<AttributeDefinition> attributes) {
}
